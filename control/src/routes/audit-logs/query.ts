import { Op, type WhereOptions } from 'sequelize';
import type { AuditLog } from '../../models';
import type { AuditFilters } from './schema';

// iLike with the wildcards escaped: a case-insensitive exact match.
const sameText = (s: string) => ({ [Op.iLike]: s.replace(/[\\%_]/g, (c) => `\\${c}`) });

// One filter for the list and the export, so both always show the same rows.
// `username` is the actor's; rows without an actor (a failed login) match on the
// username that was tried, which the login route records in details.
export function auditWhere(f: AuditFilters): WhereOptions<AuditLog> {
  const and: WhereOptions<AuditLog>[] = [];
  if (f.action) and.push({ action: f.action });
  if (f.resource_type) and.push({ resource_type: f.resource_type });
  if (f.username) {
    and.push({ [Op.or]: [
      { actor_username: sameText(f.username) },
      { actor_id: null, details: { username: sameText(f.username) } },
    ] } as WhereOptions<AuditLog>);
  }
  if (f.from) and.push({ created_at: { [Op.gte]: f.from } });
  if (f.to) and.push({ created_at: { [Op.lte]: f.to } });
  return { [Op.and]: and };
}

export const NEWEST_FIRST: [string, string][] = [['created_at', 'DESC'], ['id', 'DESC']];
