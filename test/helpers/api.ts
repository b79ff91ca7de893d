// A small client for the envelope API, as a script or the web app would use it.
export interface Reply<T = any> { status: number; code: number; msg: string; data: T; headers: Headers }

export class Api {
  constructor(readonly base: string, public token: string | null = null) {}

  async call<T = any>(method: string, path: string, body?: unknown, token = this.token): Promise<Reply<T>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let json: any;
    try { json = JSON.parse(text); } catch { json = { code: -1, msg: text, data: null }; }
    return { status: res.status, code: json.code, msg: json.msg, data: json.data, headers: res.headers };
  }
  get<T = any>(path: string) { return this.call<T>('GET', path); }
  post<T = any>(path: string, body: unknown = {}) { return this.call<T>('POST', path, body); }
  patch<T = any>(path: string, body: unknown) { return this.call<T>('PATCH', path, body); }
  put<T = any>(path: string, body: unknown) { return this.call<T>('PUT', path, body); }
  del<T = any>(path: string) { return this.call<T>('DELETE', path); }

  as(token: string | null) { return new Api(this.base, token); }

  async login(username: string, password: string): Promise<Api> {
    const r = await this.as(null).post('/api/v1/auth/login', { username, password });
    if (r.code !== 0) throw new Error(`login ${username} failed: ${r.status} ${r.code} ${r.msg}`);
    return this.as(r.data.access_token);
  }
}
