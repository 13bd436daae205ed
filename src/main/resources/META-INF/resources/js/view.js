// Rendering. Text is only ever set with textContent: what users type is shown as text, never parsed as HTML.
const $ = (id) => document.getElementById(id);
const QUICK_REACTION = '👍';
const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

function element(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'text') node.textContent = value;
    else if (key === 'class') node.className = value;
    else if (key.startsWith('data-') || key.startsWith('aria-')) node.setAttribute(key, value);
    else node[key] = value;
  }
  node.append(...children.filter(Boolean));
  return node;
}

export class View {
  constructor(chat) {
    this.chat = chat;
  }

  renderConnection() {
    const labels = { connecting: 'Connecting…', connected: 'Connected', reconnecting: 'Reconnecting…' };
    const status = $('connection');
    status.hidden = false;
    status.dataset.state = this.chat.state;
    status.textContent = labels[this.chat.state] || '';
  }

  renderChannels() {
    const chat = this.chat;
    const list = $('channel-list');
    const items = [...chat.channels.values()].sort((a, b) => lastActivity(chat, b) - lastActivity(chat, a));
    list.replaceChildren(...items.map((channel) => {
      const unread = chat.unread(channel.id);
      const last = chat.messagesOf(channel.id).at(-1);
      const peer = chat.peerOf(channel);
      const status = peer ? chat.presence.get(peer) || 'offline' : null;
      const title = chat.title(channel);
      const button = element('button', {
        type: 'button',
        'aria-label': `${title}${peer ? `, ${status}` : ''}${unread ? `, ${unread} unread` : ''}`,
        'aria-current': String(channel.id === chat.activeId),
        onclick: () => this.onOpenChannel(channel.id),
      },
      element('span', { class: 'dot', 'data-status': status || 'none', 'aria-hidden': 'true' }),
      element('span', {}, element('span', { class: 'channel-name', text: title }),
        element('span', { class: 'channel-last',
          text: !last ? 'No messages yet' : last.deletedAt ? 'Message deleted'
            : last.text ? preview(last.text) : `📎 ${last.attachments?.[0]?.name ?? 'Attachment'}` })),
      unread ? element('span', { class: 'badge', text: String(unread), 'aria-hidden': 'true' }) : null);
      return element('li', {}, button);
    }));
  }

  renderConversation() {
    const chat = this.chat;
    const channel = chat.channels.get(chat.activeId);
    $('conversation').hidden = !channel;
    $('empty-state').hidden = Boolean(channel);
    $('app').classList.toggle('in-conversation', Boolean(channel));
    if (!channel) return;
    $('conversation-title').textContent = chat.title(channel);
    $('group-tools').hidden = channel.type !== 'group';
    $('direct-tools').hidden = channel.type !== 'direct';
    const peer = chat.peerOf(channel);
    if (peer) {
      const blocked = chat.blocked.has(peer);
      $('block').textContent = blocked ? 'Unblock' : 'Block';
      $('block').setAttribute('aria-label', `${blocked ? 'Unblock' : 'Block'} ${chat.nameOf(peer)}`);
    }
    $('member-list').replaceChildren(...channel.memberIds.map((id) => element('li', {},
      element('span', { text: chat.nameOf(id) + (id === channel.ownerId ? ' (owner)' : '') }),
      id !== chat.me && chat.me === channel.ownerId
        ? element('button', { type: 'button', text: 'Remove', 'aria-label': `Remove ${chat.nameOf(id)}`,
          onclick: () => this.onRemoveMember(id) })
        : null)));

    const list = $('messages');
    const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
    const seen = chat.seenByOthers(channel.id);
    const messages = chat.messagesOf(channel.id);
    const lastSeenOwn = messages.filter((m) => m.senderId === chat.me && m.seq <= seen).at(-1);
    const items = messages.map((m) => this.messageItem(m, m === lastSeenOwn));
    for (const pending of chat.pendingOf(channel.id)) {
      items.push(this.messageItem({ senderId: chat.me, text: pending.text, sentAt: pending.queuedAt,
        attachments: pending.attachments }, false, 'pending'));
    }
    const previousHeight = list.scrollHeight;
    const previousTop = list.scrollTop;
    list.replaceChildren(...items);
    if (this.keepTopAnchor) {
      list.scrollTop = list.scrollHeight - previousHeight + previousTop; // older history came in above
      this.keepTopAnchor = false;
    } else if (nearBottom || this.scrollToEnd) {
      list.scrollTop = list.scrollHeight;
      this.scrollToEnd = false;
    }
    this.renderTyping();
    this.renderReplying();
  }

  messageItem(message, seen, state) {
    const chat = this.chat;
    const mine = message.senderId === chat.me;
    const when = message.sentAt ? time.format(new Date(message.sentAt)) : '';
    const deleted = Boolean(message.deletedAt);
    const stored = message.seq !== undefined && !state;
    return element('li', { class: `msg${mine ? ' mine' : ''}${deleted ? ' deleted' : ''}${state ? ` ${state}` : ''}`,
      'data-seq': message.seq ?? '' },
      element('span', { class: 'meta' },
        element('span', { class: 'sender', text: mine ? 'You' : chat.nameOf(message.senderId) }),
        element('time', { text: when, dateTime: message.sentAt || '' }),
        state === 'pending' ? element('span', { text: 'Sending…' }) : null,
        message.editedAt && !deleted ? element('span', { class: 'edited', text: '(edited)' }) : null,
        stored && !deleted ? element('button', { type: 'button', class: 'msg-action', text: 'Reply',
          'aria-label': `Reply to message ${message.seq}`, onclick: () => this.onReplyTo(message) }) : null,
        stored && chat.mayEdit(message) ? element('button', { type: 'button', class: 'msg-action', text: 'Edit',
          'aria-label': `Edit message ${message.seq}`, onclick: () => this.onEditMessage(message) }) : null,
        stored && chat.mayDelete(message) ? element('button', { type: 'button', class: 'msg-action', text: 'Delete',
          'aria-label': `Delete message ${message.seq}`, onclick: () => this.onDeleteMessage(message) }) : null),
      message.replyTo ? this.quote(message) : null,
      deleted || message.text ? element('p', { class: 'text', text: deleted ? 'Message deleted' : message.text }) : null,
      !deleted && message.attachments?.length ? this.attachmentList(message.attachments) : null,
      stored && !deleted ? this.reactionBar(message) : null,
      seen ? element('p', { class: 'seen', text: 'Seen' }) : null);
  }

  /** What a reply replies to: a click shows the original (loading history up to it). */
  quote(message) {
    const { seq, senderId, preview, deleted } = message.replyTo;
    const who = senderId ? (senderId === this.chat.me ? 'You' : this.chat.nameOf(senderId)) : `message ${seq}`;
    return element('button', { type: 'button', class: 'quote', text: `↪ ${who}: ${deleted ? 'Message deleted' : preview ?? ''}`,
      'aria-label': `Show the message replied to, from ${who}`,
      onclick: () => this.onShowOriginal(message.channelId, seq) });
  }

  /**
   * A message's files: images as thumbnails, other files as their name and size; a click opens the file. URLs are
   * asked for when shown (they are short-lived, and only members get them).
   */
  attachmentList(attachments) {
    return element('ul', { class: 'attachments' }, ...attachments.map((a) => {
      const label = `${a.name} (${size(a.size)})`;
      const open = () => this.chat.attachmentUrls(a.id).then((view) => window.open(view.url, '_blank', 'noopener'));
      if (!a.thumbnail) {
        return element('li', {}, element('button', { type: 'button', class: 'file', text: `📎 ${label}`,
          'aria-label': `Open ${label}`, onclick: open }));
      }
      const image = element('img', { alt: a.name, width: thumbnailSize(a).width, height: thumbnailSize(a).height });
      this.chat.attachmentUrls(a.id).then((view) => { image.src = view.thumbnailUrl; }).catch(() => {});
      return element('li', {}, element('button', { type: 'button', class: 'image', 'aria-label': `Open image ${label}`,
        onclick: open }, image));
    }));
  }

  /** Scrolls to a loaded message and marks it for a moment. */
  reveal(seq) {
    const item = document.querySelector(`#messages [data-seq="${seq}"]`);
    if (!item) return;
    this.keepTopAnchor = false;
    item.scrollIntoView({ block: 'center' });
    item.classList.add('highlight');
    setTimeout(() => item.classList.remove('highlight'), 2000);
  }

  renderReplying() {
    const target = this.replyingTo;
    $('replying').hidden = !target || target.channelId !== this.chat.activeId;
    if (target) {
      $('replying-text').textContent = `Replying to ${target.senderId === this.chat.me ? 'yourself' : this.chat.nameOf(target.senderId)}: ${target.text.slice(0, 100)}`;
    }
  }

  /** A chip per emoji (pressed if I reacted; a click toggles mine), and a quick 👍 when I have not reacted with it. */
  reactionBar(message) {
    const chat = this.chat;
    const reactions = message.reactions || [];
    const chips = reactions.map((r) => {
      const mine = r.userIds.includes(chat.me);
      return element('button', { type: 'button', class: 'reaction', text: `${r.emoji} ${r.count}`,
        'aria-pressed': String(mine),
        'aria-label': `${r.emoji} ${r.count}, ${mine ? 'remove your reaction' : 'react'} to message ${message.seq}`,
        onclick: () => chat.toggleReaction(message, r.emoji) });
    });
    if (!reactions.some((r) => r.emoji === QUICK_REACTION)) {
      chips.push(element('button', { type: 'button', class: 'reaction add', text: `+${QUICK_REACTION}`,
        'aria-label': `React ${QUICK_REACTION} to message ${message.seq}`,
        onclick: () => chat.toggleReaction(message, QUICK_REACTION) }));
    }
    return element('div', { class: 'reactions' }, ...chips);
  }

  renderTyping() {
    const typers = this.chat.activeId ? this.chat.typers(this.chat.activeId) : [];
    $('typing').textContent = typers.length ? `${typers.map((id) => this.chat.nameOf(id)).join(', ')} typing…` : '';
  }
}

/** What the thumbnail will measure (at most 320 px on its longest edge), so the list does not jump when it loads. */
function thumbnailSize({ width, height }) {
  const scale = Math.min(1, 320 / Math.max(width || 1, height || 1));
  return { width: Math.max(1, Math.round((width || 1) * scale)), height: Math.max(1, Math.round((height || 1) * scale)) };
}

function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function preview(text) {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function lastActivity(chat, channel) {
  const last = chat.messagesOf(channel.id).at(-1);
  return last ? Date.parse(last.sentAt) : 0;
}
