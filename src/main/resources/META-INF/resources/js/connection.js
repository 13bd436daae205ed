// The WebSocket: opened with a single-use ticket (the JWT never goes into a URL), kept alive with pings, and
// reopened after any drop with exponential backoff and jitter, so a restarting server is not stormed by clients.
const PING_EVERY_MS = 10_000;
const MAX_BACKOFF_MS = 30_000;
const SESSION_ENDED = 4001; // close code: the session (token) expired
const REBALANCE = 4010; // close code: the server asks this socket to move; come back at once, without backoff

export class Connection {
  constructor(api, { onOpen, onFrame, onState, onUnauthorized }) {
    Object.assign(this, { api, onOpen, onFrame, onState, onUnauthorized });
    this.attempt = 0;
    this.socket = null;
    this.stopped = true;
  }

  start() {
    this.stopped = false;
    this.open();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.socket?.close(1000, 'log out');
  }

  async open() {
    if (this.stopped) return;
    this.onState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    let ticket;
    try {
      ({ ticket } = await this.api.post('/ws-tickets'));
    } catch (error) {
      if (error.status === 401) { this.onUnauthorized(); return; }
      this.retry();
      return;
    }
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/api/v1/ws?ticket=${encodeURIComponent(ticket)}`);
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.onState('connected');
      this.pinger = setInterval(() => this.send({ type: 'ping' }), PING_EVERY_MS);
      this.onOpen();
    };
    socket.onmessage = (event) => this.onFrame(JSON.parse(event.data));
    socket.onclose = (event) => {
      clearInterval(this.pinger);
      if (this.socket === socket && !this.stopped && event.code === SESSION_ENDED) {
        this.onUnauthorized(); // the token expired: log in again
        return;
      }
      if (this.socket === socket && !this.stopped) {
        this.onState('reconnecting');
        // A page connects through its own origin (the load balancer places it): /connect's per-server URLs are
        // for native clients, which send no Origin.
        if (event.code === REBALANCE) this.open();
        else this.retry();
      }
    };
  }

  retry() {
    const ceiling = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempt++);
    const delay = ceiling / 2 + Math.random() * ceiling / 2; // "equal jitter"
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  /** True when the frame went out; false while disconnected (the caller keeps it for later). */
  send(frame) {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }
}
