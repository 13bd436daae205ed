// Wires the page: log-in and sign-up, the chat, and the user's actions.
import { Api } from './api.js';
import { Chat } from './chat.js';
import { View } from './view.js';

const $ = (id) => document.getElementById(id);
const api = new Api();
let chat = null;
let view = null;

function showError(id, error) { $(id).textContent = error ? error.message || String(error) : ''; }

async function enter() {
  $('auth').hidden = true;
  $('app').hidden = false;
  $('logout').hidden = false;
  $('whoami').hidden = false;
  $('whoami').textContent = `Signed in as ${api.session.username}`;
  chat = new Chat(api);
  view = new View(chat);
  view.onOpenChannel = openChannel;
  // prompt and confirm, not an inline form: the conversation re-renders on every frame that arrives.
  view.onEditMessage = (message) => {
    const text = window.prompt('Edit message', message.text);
    if (text !== null && text.trim() && text !== message.text) chat.edit(message.channelId, message.seq, text);
  };
  view.onDeleteMessage = (message) => {
    if (window.confirm('Delete this message for everyone?')) chat.delete(message.channelId, message.seq);
  };
  view.onReplyTo = (message) => {
    view.replyingTo = message;
    view.renderReplying();
    $('message-text').focus();
  };
  view.onShowOriginal = async (channelId, seq) => {
    if (await act('conversation-error', () => chat.loadThrough(channelId, seq))) {
      view.renderConversation();
      view.reveal(seq);
    }
  };
  view.onRemoveMember = (userId) => act('conversation-error', () => api.delete(`/channels/${chat.activeId}/members/${userId}`));
  chat.addEventListener('change', ({ detail }) => {
    if (detail === 'connection') view.renderConnection();
    if (detail === 'typing') { view.renderTyping(); return; }
    if (detail === 'error') { showError('conversation-error', chat.lastError); }
    view.renderChannels();
    view.renderConversation();
    readIfSeen();
  });
  await chat.start();
}

/** Back to the log-in forms. The session already ended on the server (log-out, expiry) or is ended by the caller. */
function leave() {
  chat?.stop();
  chat = null;
  api.forget();
  sessionStorage.removeItem('parley.outbox');
  $('app').hidden = true;
  $('auth').hidden = false;
  $('logout').hidden = true;
  $('whoami').hidden = true;
  $('connection').hidden = true;
}

function openChannel(channelId) {
  chat.activeId = channelId;
  view.scrollToEnd = true;
  showError('conversation-error', null);
  view.renderChannels();
  view.renderConversation();
  readIfSeen();
  $('message-text').focus();
}

/** The read marker moves when the user can see the latest message: the chat is open, visible, scrolled down. */
function readIfSeen() {
  const list = $('messages');
  if (!chat?.activeId || document.visibilityState !== 'visible' || $('conversation').hidden) return;
  if (list.scrollHeight - list.scrollTop - list.clientHeight < 80) chat.markRead(chat.activeId);
}

async function act(errorId, action) {
  showError(errorId, null);
  try { return await action(); } catch (error) { showError(errorId, error); return null; }
}

async function userIdOf(username) {
  return (await api.get(`/users/by-username/${encodeURIComponent(username.trim())}`)).id;
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  act('auth-error', async () => {
    await api.logIn($('login-username').value.trim(), $('login-password').value);
    await enter();
  });
});

$('signup-form').addEventListener('submit', (event) => {
  event.preventDefault();
  act('auth-error', async () => {
    await api.signUp($('signup-username').value.trim(), $('signup-password').value, $('signup-display').value.trim());
    await enter();
  });
});

$('logout').addEventListener('click', async () => {
  chat?.stop();
  await api.logOut();
  leave();
});
api.onUnauthorized = leave;

$('direct-form').addEventListener('submit', (event) => {
  event.preventDefault();
  act('side-error', async () => {
    const channel = await api.post('/channels', { type: 'direct', memberIds: [await userIdOf($('direct-username').value)] });
    chat.upsertChannel(channel);
    await chat.loadLatest(channel.id);
    chat.watchPeers();
    $('direct-username').value = '';
    openChannel(channel.id);
  });
});

$('group-form').addEventListener('submit', (event) => {
  event.preventDefault();
  act('side-error', async () => {
    const names = $('group-members').value.split(',').map((n) => n.trim()).filter(Boolean);
    const memberIds = await Promise.all(names.map(userIdOf));
    const channel = await api.post('/channels', { type: 'group', name: $('group-name').value.trim(), memberIds });
    chat.upsertChannel(channel);
    $('group-name').value = '';
    $('group-members').value = '';
    openChannel(channel.id);
  });
});

$('add-member-form').addEventListener('submit', (event) => {
  event.preventDefault();
  act('conversation-error', async () => {
    const channel = await api.post(`/channels/${chat.activeId}/members`, { userId: await userIdOf($('add-member').value) });
    chat.upsertChannel(channel);
    $('add-member').value = '';
    view.renderConversation();
  });
});

/** Leaves the open group or direct chat; it disappears from the list. */
const leaveActive = () => act('conversation-error', async () => {
  await api.delete(`/channels/${chat.activeId}/members/${chat.me}`);
  chat.channels.delete(chat.activeId);
  chat.activeId = null;
  view.renderChannels();
  view.renderConversation();
});
$('leave').addEventListener('click', leaveActive);
$('leave-direct').addEventListener('click', leaveActive);

$('block').addEventListener('click', () => act('conversation-error', async () => {
  const peer = chat.peerOf(chat.channels.get(chat.activeId));
  await chat.setBlocked(peer, !chat.blocked.has(peer));
}));


$('cancel-reply').addEventListener('click', () => {
  view.replyingTo = null;
  view.renderReplying();
});

$('back').addEventListener('click', () => {
  chat.activeId = null;
  view.renderChannels();
  view.renderConversation();
});

$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $('message-text').value;
  if (!text || !chat?.activeId) return;
  view.scrollToEnd = true;
  const replyTo = view.replyingTo?.channelId === chat.activeId ? view.replyingTo.seq : undefined;
  chat.send(chat.activeId, text, replyTo);
  view.replyingTo = null;
  view.renderReplying();
  $('message-text').value = '';
});

// Files chosen: uploaded one after another, then sent as one message with what is typed (which may be nothing).
$('attach-file').addEventListener('change', async () => {
  const input = $('attach-file');
  const files = [...input.files].slice(0, 10);
  input.value = '';
  const channelId = chat?.activeId;
  if (!files.length || !channelId) return;
  const uploaded = await act('conversation-error', async () => {
    const done = [];
    for (const [i, file] of files.entries()) {
      $('uploading').textContent = `Uploading ${file.name} (${i + 1} of ${files.length})…`;
      done.push(await chat.upload(channelId, file));
    }
    return done;
  });
  $('uploading').textContent = '';
  if (!uploaded) return;
  view.scrollToEnd = true;
  const replyTo = view.replyingTo?.channelId === channelId ? view.replyingTo.seq : undefined;
  chat.send(channelId, $('message-text').value, replyTo, uploaded);
  view.replyingTo = null;
  view.renderReplying();
  $('message-text').value = '';
});

// Enter sends, Shift+Enter starts a new line.
$('message-text').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    $('composer').requestSubmit();
  }
});
$('message-text').addEventListener('input', () => chat?.activeId && chat.typingIn(chat.activeId));

$('messages').addEventListener('scroll', async () => {
  const list = $('messages');
  if (list.scrollTop < 40 && chat?.activeId && !view.loadingOlder) {
    view.loadingOlder = true;
    view.keepTopAnchor = true;
    try {
      if (!(await chat.loadOlder(chat.activeId))) view.keepTopAnchor = false;
    } finally {
      view.loadingOlder = false;
    }
  }
  readIfSeen();
});
document.addEventListener('visibilitychange', readIfSeen);

if (api.session) enter().catch((error) => showError('auth-error', error));
