import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

export type MachineStatus = 'online' | 'allocated' | 'maintenance' | 'offline' | 'needs_collect';

export class Machine extends Model<InferAttributes<Machine>, InferCreationAttributes<Machine>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare region: string;
  declare host: string;
  declare ssh_port: number;
  declare ssh_username: string;
  declare ssh_auth_type: 'password' | 'key';
  declare ssh_secret_enc: string;
  declare status: CreationOptional<MachineStatus>;
  declare status_reason: CreationOptional<string | null>;
  declare tenant_id: CreationOptional<number | null>;
  declare labels: CreationOptional<Record<string, string>>;
  declare gpu_model: CreationOptional<string | null>;
  declare gpu_count: CreationOptional<number>;
  declare hardware: CreationOptional<Record<string, unknown>>;
  declare last_heartbeat_at: CreationOptional<Date | null>;
  declare ssh_host_key_sha256: CreationOptional<string | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    Machine.init({
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      name: { type: DataTypes.TEXT, allowNull: false },
      region: { type: DataTypes.TEXT, allowNull: false },
      host: { type: DataTypes.TEXT, allowNull: false },
      ssh_port: { type: DataTypes.INTEGER, allowNull: false },
      ssh_username: { type: DataTypes.TEXT, allowNull: false },
      ssh_auth_type: { type: DataTypes.TEXT, allowNull: false },
      ssh_secret_enc: { type: DataTypes.TEXT, allowNull: false },
      status: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'offline' },
      status_reason: DataTypes.TEXT,
      tenant_id: DataTypes.INTEGER,
      labels: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      gpu_model: DataTypes.TEXT,
      gpu_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      hardware: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      last_heartbeat_at: DataTypes.DATE,
      ssh_host_key_sha256: DataTypes.TEXT,
      created_at: DataTypes.DATE,
      updated_at: DataTypes.DATE,
    }, { sequelize, tableName: 'machines', underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' });
  }
}
