import type { AccessSession, Machine, User } from '../models';

type Loaded = AccessSession & { user?: User | null; machine?: Machine | null };

export function presentSession(s: Loaded) {
  const end = s.ended_at ?? (s.status === 'active' ? new Date() : null);
  return {
    id: s.id, user_id: s.user_id, username: s.user?.username ?? null, machine_id: s.machine_id,
    machine_name: s.machine?.name ?? null, tenant_id: s.tenant_id, protocol: s.protocol, status: s.status,
    client_ip: s.client_ip, started_at: s.started_at?.toISOString() ?? null, ended_at: s.ended_at?.toISOString() ?? null,
    duration_seconds: s.started_at && end ? Math.max(0, Math.round((end.getTime() - s.started_at.getTime()) / 1000)) : null,
    bytes_in: s.bytes_in, bytes_out: s.bytes_out, recording_size: s.recording_size,
    has_recording: Boolean(s.recording_path), close_reason: s.close_reason, created_at: s.created_at.toISOString(),
  };
}
