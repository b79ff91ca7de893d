import type { Context } from 'koa';
import { UniqueConstraintError } from 'sequelize';
import { createMachineSchema, type CreateMachineInput } from '../routes/machines/schema';
import { machineCreator } from './machineWriter';

export interface ImportRow { index: number; ok: boolean; id?: number; name?: string; error?: string }

// A JSON batch of machines: each row is validated and created on its own (its own
// savepoint), so one bad row never loses the good ones; the answer says per row.
export async function machineImporter(ctx: Context, rows: unknown[]): Promise<ImportRow[]> {
  const results: ImportRow[] = [];
  const tx = ctx.state.tx!;
  for (const [index, raw] of rows.entries()) {
    const parsed = createMachineSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      results.push({ index, ok: false, error: `${issue.path.join('.') || 'row'}: ${issue.message}` });
      continue;
    }
    const body: CreateMachineInput = parsed.data;
    try {
      const machine = await ctx.deps.sequelize.transaction({ transaction: tx }, async (savepoint) => {
        ctx.state.tx = savepoint;
        try { return await machineCreator(ctx, body); } finally { ctx.state.tx = tx; }
      });
      results.push({ index, ok: true, id: machine.id, name: machine.name });
    } catch (err) {
      if (!(err instanceof UniqueConstraintError)) throw err;
      results.push({ index, ok: false, name: body.name, error: 'machine name already exists' });
    }
  }
  return results;
}
