// Client state and protocol: channels, messages by seq, the outbox of unacked sends, presence, read markers.
// Everything the server says is applied idempotently by seq, so live frames, sync and history can overlap freely.
import { Connection } from './connection.js';

const RETRYABLE = new Set(['rate_limited', 'overloaded', 'internal_error']);
const PAGE = 50;

export class Chat extends EventTarget {
  constructor(api) {
    super();
    this.api = api;
    this.me = api.session.userId;
    this.channels = new Map();     // id -> channel view from the server, plus lastMessage
    this.messages = new Map();     // channelId -> Map(seq -> message)
    this.changeCursors = new Map(); // channelId -> the changeSeq up to which every edit and deletion is held
    this.olderExhausted = new Set();
    this.outbox = new Map(JSON.parse(sessionStorage.getItem('parley.outbox') || '[]')); // clientMsgId -> send frame
    this.failed = new Map();       // clientMsgId -> reason
    this.users = new Map();
    this.presence = new Map();
    this.typing = new Map();       // channelId -> Map(userId -> until)
    this.blocked = new Set();      // user ids this user blocks
    this.activeId = null;
    this.connection = new Connection(api, {
      onOpen: () => this.resume(),
      onFrame: (frame) => this.apply(frame),
      onState: (state) => { this.state = state; this.changed('connection'); },
      onUnauthorized: () => api.onUnauthorized(),
    });
  }

  changed(what) { this.dispatchEvent(new CustomEvent('change', { detail: what })); }

  async start() {
    await this.refreshChannels();
    this.blocked = new Set((await this.api.get('/blocks')).map((b) => b.userId));
    this.connection.start();
  }

  /** Blocks or unblocks a user: a block closes your direct chat with them and hides you from them. */
  async setBlocked(userId, blocked) {
    if (blocked) await this.api.put(`/blocks/${userId}`);
    else await this.api.delete(`/blocks/${userId}`);
    if (blocked) this.blocked.add(userId); else this.blocked.delete(userId);
    this.changed('blocks');
  }

  stop() { this.connection.stop(); }

  // ---- (re)connecting: catch up with cursors, then resend what was never acked, same clientMsgIds
  async resume() {
    await this.refreshChannels().catch(() => {});
    const cursors = {};
    const changeCursors = {};
    for (const id of this.channels.keys()) {
      cursors[id] = this.lastSeqHeld(id);
      changeCursors[id] = this.changeCursors.get(id) || 0;
    }
    this.connection.send({ type: 'sync', cursors, changeCursors });
    for (const frame of this.outbox.values()) this.connection.send(frame);
    this.watchedKey = null;
    this.watchPeers();
  }

  /** Watches the presence of every direct-chat peer; sent again whenever that set changes (a new chat). */
  watchPeers() {
    const peers = [...new Set([...this.channels.values()].map((c) => this.peerOf(c)).filter(Boolean))].slice(0, 200);
    const key = peers.sort().join(',');
    if (key !== this.watchedKey && this.connection.send({ type: 'presence.subscribe', userIds: peers })) {
      this.watchedKey = key;
    }
  }

  async refreshChannels() {
    const views = await this.api.get('/channels');
    const seen = new Set();
    for (const view of views) {
      seen.add(view.id);
      const known = this.channels.has(view.id);
      this.upsertChannel(view);
      if (!known) await this.loadLatest(view.id);
    }
    for (const id of [...this.channels.keys()]) if (!seen.has(id)) this.channels.delete(id);
    this.watchPeers();
    this.changed('channels');
  }

  upsertChannel(view) {
    const old = this.channels.get(view.id);
    this.channels.set(view.id, { ...old, ...view, readMarkers: { ...old?.readMarkers, ...view.readMarkers } });
    for (const id of view.memberIds) this.user(id);
  }

  async loadLatest(channelId) {
    const page = await this.api.get(`/channels/${channelId}/messages?limit=${PAGE}`);
    page.messages.forEach((m) => this.store(m));
    if (!page.hasMore) this.olderExhausted.add(channelId);
  }

  async loadOlder(channelId) {
    const held = this.messagesOf(channelId);
    if (this.olderExhausted.has(channelId) || held.length === 0 || held[0].seq <= 1) return false;
    const page = await this.api.get(`/channels/${channelId}/messages?beforeSeq=${held[0].seq}&limit=${PAGE}`);
    page.messages.forEach((m) => this.store(m));
    if (!page.hasMore) this.olderExhausted.add(channelId);
    this.changed('messages');
    return page.messages.length > 0;
  }

  // ---- sending
  send(channelId, text, replyToSeq, attachments = []) {
    const frame = { type: 'send', channelId, clientMsgId: crypto.randomUUID(), text };
    if (replyToSeq) frame.replyToSeq = replyToSeq;
    if (attachments.length) frame.attachmentIds = attachments.map((a) => a.id);
    this.outbox.set(frame.clientMsgId, { ...frame, attachments, queuedAt: new Date().toISOString() });
    this.saveOutbox();
    this.connection.send(frame);
    this.changed('messages');
  }

  /**
   * Uploads a file as an attachment of the channel: a slot, the bytes straight to storage with its signed URL, then
   * completion (the server checks it and, for images, makes a thumbnail). Resolves to the attachment to send.
   */
  async upload(channelId, file) {
    const slot = await this.api.post(`/channels/${channelId}/attachments`,
      { name: file.name, contentType: file.type || 'application/octet-stream', size: file.size });
    const put = await fetch(slot.uploadUrl, { method: slot.uploadMethod, headers: slot.uploadHeaders, body: file });
    if (!put.ok) throw new Error(`The upload of ${file.name} failed (HTTP ${put.status})`);
    return this.api.post(`/attachments/${slot.attachment.id}/complete`);
  }

  /** Short-lived URLs to read an attachment (and its thumbnail), kept until shortly before they expire. */
  attachmentUrls(id) {
    this.urls ??= new Map();
    const held = this.urls.get(id);
    if (held && Date.parse(held.expiresAt) - Date.now() > 30_000) return Promise.resolve(held);
    const asked = this.api.get(`/attachments/${id}`).then((view) => { this.urls.set(id, view); return view; });
    asked.catch(() => this.urls.delete(id));
    return asked;
  }

  /**
   * Makes sure the message at seq is loaded: pages forward from it to what is held, so no gap opens in the history
   * shown. False if it is not in the channel's history.
   */
  async loadThrough(channelId, seq) {
    if (this.messages.get(channelId)?.has(seq)) return true;
    const firstHeld = this.messagesOf(channelId)[0]?.seq ?? Infinity;
    let after = seq - 1;
    for (;;) {
      const page = await this.api.get(`/channels/${channelId}/messages?afterSeq=${after}&limit=200`);
      page.messages.forEach((m) => this.store(m));
      if (!page.hasMore || page.messages.length === 0 || page.messages.at(-1).seq >= firstHeld) break;
      after = page.messages.at(-1).seq;
    }
    this.changed('messages');
    return this.messages.get(channelId)?.has(seq) ?? false;
  }

  /** Edits one of my messages; every device learns of it by a `changed` frame. */
  edit(channelId, seq, text) {
    this.connection.send({ type: 'edit', channelId, seq, text, ref: crypto.randomUUID() });
  }

  /** Deletes my message, or anyone's in a group I own: it stays as a tombstone. */
  delete(channelId, seq) {
    this.connection.send({ type: 'delete', channelId, seq, ref: crypto.randomUUID() });
  }

  /** Adds my reaction with this emoji, or takes it back if I have one. */
  toggleReaction(message, emoji) {
    const mine = (message.reactions || []).some((r) => r.emoji === emoji && r.userIds.includes(this.me));
    this.connection.send({ type: mine ? 'unreact' : 'react', channelId: message.channelId, seq: message.seq, emoji,
      ref: crypto.randomUUID() });
  }

  mayEdit(message) { return message.senderId === this.me && !message.deletedAt; }

  mayDelete(message) {
    return !message.deletedAt && (message.senderId === this.me || this.channels.get(message.channelId)?.ownerId === this.me);
  }

  saveOutbox() { sessionStorage.setItem('parley.outbox', JSON.stringify([...this.outbox])); }

  typingIn(channelId) {
    const now = Date.now();
    if (now - (this.lastTypingSent || 0) > 3000) {
      this.lastTypingSent = now;
      this.connection.send({ type: 'typing', channelId });
    }
  }

  markRead(channelId) {
    const channel = this.channels.get(channelId);
    const last = this.lastSeqHeld(channelId);
    if (channel && last > channel.readSeq) {
      channel.readSeq = last;
      channel.readMarkers[this.me] = last;
      this.connection.send({ type: 'read', channelId, seq: last });
      this.changed('channels');
    }
  }

  // ---- frames from the server
  apply(frame) {
    switch (frame.type) {
      case 'message': return this.onMessage(frame);
      case 'ack': return this.onAck(frame);
      case 'changed': return this.onChanged(frame);
      case 'synced': return this.onSynced(frame);
      case 'read': return this.onRead(frame);
      case 'typing': return this.onTyping(frame);
      case 'channel': return this.onChannel(frame);
      case 'presence': this.presence.set(frame.userId, frame.status); return this.changed('channels');
      case 'error': return this.onError(frame);
      default: return undefined; // pong, and frame types this client does not know
    }
  }

  onMessage(frame) {
    const { type, ...message } = frame;
    if (!this.channels.has(message.channelId)) { this.refreshChannels(); return; }
    const lastHeld = this.lastSeqHeld(message.channelId);
    this.store(message); // kept by seq: a repeated frame (delivery is at least once) replaces itself
    if (message.senderId === this.me) this.settle(message.clientMsgId);
    if (lastHeld > 0 && message.seq > lastHeld + 1) {
      this.connection.send({ type: 'sync', cursors: { [message.channelId]: lastHeld } }); // a gap: fill it
    }
    this.typing.get(message.channelId)?.delete(message.senderId);
    this.changed('messages');
  }

  /** A message's new state: kept if newer than what is held; a jump in changeSeq means one was missed. */
  onChanged(frame) {
    const { type, ...message } = frame;
    const held = this.messages.get(message.channelId)?.get(message.seq);
    if (held && (held.changeSeq || 0) < message.changeSeq) this.store(message);
    const cursor = this.changeCursors.get(message.channelId) || 0;
    if (message.changeSeq === cursor + 1) this.changeCursors.set(message.channelId, message.changeSeq);
    else if (message.changeSeq > cursor + 1) this.syncChanges(message.channelId);
    this.changed('messages');
  }

  syncChanges(channelId) {
    this.connection.send({ type: 'sync', cursors: { [channelId]: this.lastSeqHeld(channelId) },
      changeCursors: { [channelId]: this.changeCursors.get(channelId) || 0 } });
  }

  onAck(ack) {
    const sent = this.outbox.get(ack.clientMsgId);
    const held = this.messages.get(ack.channelId)?.get(ack.seq);
    if (sent && !held) this.store({ id: ack.id, channelId: ack.channelId, seq: ack.seq, senderId: this.me, text: sent.text,
      sentAt: ack.sentAt, clientMsgId: ack.clientMsgId, replyTo: sent.replyToSeq ? { seq: sent.replyToSeq } : undefined,
      attachments: sent.attachments });
    this.settle(ack.clientMsgId);
    this.changed('messages');
  }

  settle(clientMsgId) {
    if (this.outbox.delete(clientMsgId)) this.saveOutbox();
  }

  async onSynced(frame) {
    for (const [channelId, changeSeq] of Object.entries(frame.changeCursors || {})) {
      this.changeCursors.set(channelId, Math.max(changeSeq, this.changeCursors.get(channelId) || 0));
    }
    for (const channelId of frame.changesTruncated || []) this.syncChanges(channelId);
    for (const channelId of frame.truncated || []) {
      let more = true;
      while (more) { // page the rest over REST
        const page = await this.api.get(`/channels/${channelId}/messages?afterSeq=${this.lastSeqHeld(channelId)}&limit=200`);
        page.messages.forEach((m) => this.store(m));
        more = page.hasMore;
      }
    }
    this.changed('messages');
  }

  onRead({ channelId, userId, seq }) {
    const channel = this.channels.get(channelId);
    if (!channel) return;
    channel.readMarkers[userId] = Math.max(seq, channel.readMarkers[userId] || 0);
    if (userId === this.me) channel.readSeq = Math.max(channel.readSeq, seq);
    this.changed('messages');
  }

  onTyping({ channelId, userId }) {
    if (!this.typing.has(channelId)) this.typing.set(channelId, new Map());
    this.typing.get(channelId).set(userId, Date.now() + 4000);
    this.changed('typing');
    setTimeout(() => this.changed('typing'), 4100);
  }

  async onChannel({ event, channelId, channel }) {
    if (event === 'left') {
      this.channels.delete(channelId);
      if (this.activeId === channelId) this.activeId = null;
    } else {
      const known = this.channels.has(channelId);
      this.upsertChannel(channel);
      if (!known) await this.loadLatest(channelId);
    }
    this.watchPeers();
    this.changed('channels');
  }

  onError(error) {
    if (error.ref && this.outbox.has(error.ref)) {
      if (RETRYABLE.has(error.code)) {
        const frame = this.outbox.get(error.ref);
        setTimeout(() => this.outbox.has(error.ref) && this.connection.send(frame), 1000 + Math.random() * 1000);
      } else {
        this.failed.set(error.ref, error.message);
        this.settle(error.ref);
      }
    }
    this.lastError = `${error.code}: ${error.message}`;
    this.changed('error');
  }

  // ---- reading state
  store(message) {
    if (!this.messages.has(message.channelId)) this.messages.set(message.channelId, new Map());
    this.messages.get(message.channelId).set(message.seq, message);
    const channel = this.channels.get(message.channelId);
    if (channel) channel.lastSeq = Math.max(channel.lastSeq, message.seq);
  }

  messagesOf(channelId) {
    return [...(this.messages.get(channelId)?.values() || [])].sort((a, b) => a.seq - b.seq);
  }

  pendingOf(channelId) {
    return [...this.outbox.values()].filter((f) => f.channelId === channelId);
  }

  lastSeqHeld(channelId) {
    let last = 0;
    for (const seq of this.messages.get(channelId)?.keys() || []) last = Math.max(last, seq);
    return last;
  }

  /** Messages after my read marker that others sent ("50+" when older unread ones are not loaded). */
  unread(channelId) {
    const channel = this.channels.get(channelId);
    const held = this.messagesOf(channelId);
    const count = held.filter((m) => m.seq > channel.readSeq && m.senderId !== this.me).length;
    const notLoaded = held.length > 0 && held[0].seq > channel.readSeq + 1;
    return notLoaded ? `${count}+` : count;
  }

  title(channel) {
    if (channel.type === 'group') return channel.name;
    const peer = channel.memberIds.find((id) => id !== this.me);
    return peer ? this.nameOf(peer) : 'Just you';
  }

  peerOf(channel) {
    return channel.type === 'direct' ? channel.memberIds.find((id) => id !== this.me) : null;
  }

  /** The seq of the latest message someone else has read, for "seen". */
  seenByOthers(channelId) {
    const markers = this.channels.get(channelId)?.readMarkers || {};
    return Math.max(0, ...Object.entries(markers).filter(([id]) => id !== this.me).map(([, seq]) => seq));
  }

  typers(channelId) {
    const now = Date.now();
    return [...(this.typing.get(channelId)?.entries() || [])].filter(([, until]) => until > now).map(([id]) => id);
  }

  nameOf(userId) {
    return this.users.get(userId)?.displayName || this.users.get(userId)?.username || '…';
  }

  user(userId) {
    if (this.users.has(userId)) return;
    this.users.set(userId, null);
    this.api.get(`/users/${userId}`).then((user) => { this.users.set(userId, user); this.changed('users'); })
      .catch(() => this.users.delete(userId));
  }
}
