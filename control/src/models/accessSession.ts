import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

export type SessionStatus = 'pending' | 'active' | 'closed' | 'terminated' | 'failed';

export class AccessSession extends Model<InferAttributes<AccessSession>, InferCreationAttributes<AccessSession>> {
  declare id: string;
  declare user_id: number;
  declare machine_id: number;
  declare tenant_id: number | null;
  declare protocol: 'ssh' | 'vnc' | 'rdp';
  declare status: CreationOptional<SessionStatus>;
  declare client_ip: CreationOptional<string | null>;
  declare started_at: CreationOptional<Date | null>;
  declare ended_at: CreationOptional<Date | null>;
  declare bytes_in: CreationOptional<number>;
  declare bytes_out: CreationOptional<number>;
  declare recording_path: CreationOptional<string | null>;
  declare recording_size: CreationOptional<number>;
  declare close_reason: CreationOptional<string | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    // bigint columns come back as strings from pg; these counters stay far below 2^53.
    const bigNumber = (name: string) => ({
      type: DataTypes.BIGINT, allowNull: false, defaultValue: 0,
      get(this: AccessSession) { return Number(this.getDataValue(name as 'bytes_in')); },
    });
    AccessSession.init({
      id: { type: DataTypes.UUID, primaryKey: true },
      user_id: { type: DataTypes.INTEGER, allowNull: false },
      machine_id: { type: DataTypes.INTEGER, allowNull: false },
      tenant_id: DataTypes.INTEGER,
      protocol: { type: DataTypes.TEXT, allowNull: false },
      status: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'pending' },
      client_ip: DataTypes.TEXT,
      started_at: DataTypes.DATE,
      ended_at: DataTypes.DATE,
      bytes_in: bigNumber('bytes_in'),
      bytes_out: bigNumber('bytes_out'),
      recording_path: DataTypes.TEXT,
      recording_size: bigNumber('recording_size'),
      close_reason: DataTypes.TEXT,
      created_at: DataTypes.DATE,
      updated_at: DataTypes.DATE,
    }, { sequelize, tableName: 'access_sessions', underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' });
  }
}
