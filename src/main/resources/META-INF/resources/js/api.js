// REST calls to /api/v1 with the session's bearer token. Errors carry the problem details' status and code.
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code;
  }
}

export class Api {
  constructor() {
    this.session = JSON.parse(sessionStorage.getItem('parley.session') || 'null');
    this.onUnauthorized = () => {};
  }

  get token() { return this.session?.token; }

  async request(method, path, body) {
    const headers = { 'Accept': 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.token) headers['Authorization'] = `Bearer ${this.token}`;
    const response = await fetch(`/api/v1${path}`, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 204) return null;
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      if (response.status === 401 && this.token && path !== '/sessions') this.onUnauthorized();
      throw new ApiError(response.status, data);
    }
    return data;
  }

  get(path) { return this.request('GET', path); }
  post(path, body) { return this.request('POST', path, body ?? {}); }
  put(path, body) { return this.request('PUT', path, body); }
  delete(path) { return this.request('DELETE', path); }

  async logIn(username, password) {
    const session = await this.post('/sessions', { username, password });
    this.session = { token: session.token, userId: session.userId, username };
    sessionStorage.setItem('parley.session', JSON.stringify(this.session));
    return this.session;
  }

  async signUp(username, password, displayName) {
    await this.post('/accounts', { username, password, displayName: displayName || undefined });
    return this.logIn(username, password);
  }

  /** Ends the session on the server (its token and sockets everywhere), then forgets it here whatever the answer. */
  async logOut() {
    if (this.token) await this.delete('/sessions/current').catch(() => {});
    this.forget();
  }

  /** Forgets the session here only: it already ended (expired, or logged out elsewhere). */
  forget() {
    this.session = null;
    sessionStorage.removeItem('parley.session');
  }
}
