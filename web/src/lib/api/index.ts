// Typed endpoints of control's /api/v1, grouped by resource.
import { http } from './client';
import type {
  AccessSession, Allocation, AuditLog, Connection, Customer, CustomerCreate, Machine,
  ImportResult, MachineCreate, MyMachine, Page, Query, SessionTicket, SettableStatus, TokenPair, User,
} from './types';

export * from './types';
export { ApiError, Codes, setAuthHooks } from './client';

const id = (v: string | number) => encodeURIComponent(String(v));

export const authApi = {
  login: (username: string, password: string) =>
    http.post<TokenPair>('/auth/login', { username, password }, { anonymous: true }),
  refresh: (refresh_token: string) => http.post<TokenPair>('/auth/refresh', { refresh_token }, { anonymous: true }),
  logout: () => http.post<unknown>('/auth/logout'),
  me: () => http.get<User>('/auth/me'),
  changePassword: (old_password: string, new_password: string) =>
    http.post<TokenPair>('/auth/change-password', { old_password, new_password }),
};

export const customersApi = {
  list: (q: Query) => http.get<Page<Customer>>('/admin/customers', q),
  create: (body: CustomerCreate) => http.post<Customer>('/admin/customers', body),
  disable: (cid: number) => http.post<unknown>(`/admin/customers/${id(cid)}/disable`),
  enable: (cid: number) => http.post<unknown>(`/admin/customers/${id(cid)}/enable`),
  resetPassword: (cid: number, password?: string) =>
    http.post<{ password: string }>(`/admin/customers/${id(cid)}/reset-password`, password ? { password } : {}),
};

export const machinesApi = {
  list: (q: Query) => http.get<Page<Machine>>('/admin/machines', q),
  get: (mid: number | string) => http.get<Machine>(`/admin/machines/${id(mid)}`),
  create: (body: MachineCreate) => http.post<Machine>('/admin/machines', body),
  importMany: (machines: unknown[]) => http.post<ImportResult>('/admin/machines/import', { machines }),
  update: (mid: number, body: Partial<MachineCreate>) => http.patch<Machine>(`/admin/machines/${id(mid)}`, body),
  forgetHostKey: (mid: number) => http.patch<Machine>(`/admin/machines/${id(mid)}`, { ssh_host_key_sha256: null }),
  remove: (mid: number) => http.del<unknown>(`/admin/machines/${id(mid)}`),
  setStatus: (mid: number, status: SettableStatus) =>
    http.post<Machine>(`/admin/machines/${id(mid)}/status`, { status }),
  allocate: (mid: number, tenant_id: number, end_at: string) =>
    http.post<unknown>(`/admin/machines/${id(mid)}/allocate`, { tenant_id, end_at }),
  reclaim: (mid: number, reason: string) => http.post<unknown>(`/admin/machines/${id(mid)}/reclaim`, { reason }),
  /** Accepts either a bare array or a list envelope, since the contract calls it "a list". */
  allocations: async (mid: number): Promise<Allocation[]> => {
    const d = await http.get<Allocation[] | Page<Allocation>>(`/admin/machines/${id(mid)}/allocations`, {
      page_size: 100,
    });
    return Array.isArray(d) ? d : d.items;
  },
};

export const myMachinesApi = {
  list: (q: Query) => http.get<Page<MyMachine>>('/machines', q),
  get: (mid: number | string) => http.get<MyMachine>(`/machines/${id(mid)}`),
  connection: (mid: number) => http.get<Connection>(`/machines/${id(mid)}/connection`),
  openSession: (mid: number | string) =>
    http.post<SessionTicket>(`/machines/${id(mid)}/sessions`, { protocol: 'ssh' }),
};

export const sessionsApi = {
  list: (q: Query) => http.get<Page<AccessSession>>('/admin/sessions', q),
  get: (sid: string) => http.get<AccessSession>(`/admin/sessions/${id(sid)}`),
  terminate: (sid: string) => http.post<unknown>(`/admin/sessions/${id(sid)}/terminate`),
  watch: (sid: string) => http.post<SessionTicket>(`/admin/sessions/${id(sid)}/watch`),
  recordingText: (sid: string) => http.get<string>(`/sessions/${id(sid)}/recording`, undefined, { raw: 'text' }),
};

export const auditApi = {
  list: (q: Query) => http.get<Page<AuditLog>>('/admin/audit-logs', q),
};
