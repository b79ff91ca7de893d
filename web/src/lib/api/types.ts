// Shapes of control's /api/v1 responses (DESIGN.md §3, §10).

export type Role = 'admin' | 'customer_owner' | 'customer_member';

export interface User {
  id: number;
  username: string;
  role: Role;
  tenant_id: number | null;
  must_change_password: boolean;
}

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  user: User;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}

export type Query = Record<string, string | number | undefined | null>;

export type CustomerStatus = 'active' | 'disabled';

export interface Customer {
  index: number;
  id: number;
  username: string;
  email: string;
  phone: string | null;
  company_code: string;
  tenant_id: number;
  role: Role;
  status: CustomerStatus;
  must_change_password: boolean;
  machine_count: number;
  created_at: string;
}

export interface CustomerCreate {
  username: string;
  company_code: string;
  email: string;
  password?: string;
  phone?: string;
}

export type MachineStatus = 'online' | 'allocated' | 'maintenance' | 'offline' | 'needs_collect';
export const MACHINE_STATUSES: MachineStatus[] = ['online', 'allocated', 'maintenance', 'offline', 'needs_collect'];
export type SettableStatus = 'online' | 'maintenance' | 'offline';

export type AllocationStatus = 'active' | 'reclaimed' | 'expired';

export interface Allocation {
  id: number;
  tenant_id: number;
  company_code: string;
  start_at: string;
  end_at: string;
  status: AllocationStatus;
  reclaim_reason?: string | null;
  reclaimed_at?: string | null;
}

export interface Machine {
  id: number;
  name: string;
  region: string;
  host: string;
  ssh_port: number;
  ssh_username: string;
  auth_type: 'password' | 'key';
  /** Pinned SSH host key (`SHA256:...`), learned on the first session. */
  ssh_host_key_sha256: string | null;
  status: MachineStatus;
  labels: Record<string, string>;
  gpu_model: string | null;
  gpu_count: number;
  tenant: { id: number; company_code: string } | null;
  allocation: Allocation | null;
  last_heartbeat_at: string | null;
  created_at: string;
}

export interface ImportResult {
  items: Array<{ index: number; ok: boolean; id?: number; name?: string; error?: string }>;
  created: number;
  failed: number;
}

export interface MachineCreate {
  name: string;
  region: string;
  host: string;
  ssh_port: number;
  ssh_username: string;
  ssh_password?: string;
  ssh_private_key?: string;
}

export interface MyMachine {
  id: number;
  name: string;
  region: string;
  status: MachineStatus;
  gpu_model: string | null;
  gpu_count: number;
  allocation: { end_at: string } | null;
}

export interface Connection {
  host: string;
  port: number;
  username: string;
  command: string;
}

export interface SessionTicket {
  session_id: string;
  ticket: string;
  ws_url: string;
}

export type Protocol = 'ssh' | 'vnc' | 'rdp';
export type SessionStatus = 'pending' | 'active' | 'closed' | 'terminated' | 'failed';
export const SESSION_STATUSES: SessionStatus[] = ['pending', 'active', 'closed', 'terminated', 'failed'];

export interface AccessSession {
  id: string;
  user_id: number;
  username: string;
  machine_id: number;
  machine_name: string;
  protocol: Protocol;
  status: SessionStatus;
  started_at: string | null;
  ended_at: string | null;
  duration_seconds: number | null;
  bytes_in: number;
  bytes_out: number;
  recording_size: number | null;
  client_ip: string | null;
  close_reason: string | null;
}

export interface AuditLog {
  id: number;
  actor_id: number | null;
  actor_username: string | null;
  action: string;
  resource_type: string;
  resource_id: string | number | null;
  details: Record<string, unknown> | null;
  ip: string | null;
  created_at: string;
}
