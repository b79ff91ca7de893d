import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

export class AuditLog extends Model<InferAttributes<AuditLog>, InferCreationAttributes<AuditLog>> {
  declare id: CreationOptional<number>;
  declare actor_id: number | null;
  declare actor_username: string | null;
  declare tenant_id: number | null;
  declare action: string;
  declare resource_type: string;
  declare resource_id: string | null;
  declare details: CreationOptional<Record<string, unknown>>;
  declare ip: string | null;
  declare created_at: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    AuditLog.init({
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true,
        get(this: AuditLog) { return Number(this.getDataValue('id')); } },
      actor_id: DataTypes.INTEGER,
      actor_username: DataTypes.TEXT,
      tenant_id: DataTypes.INTEGER,
      action: { type: DataTypes.TEXT, allowNull: false },
      resource_type: { type: DataTypes.TEXT, allowNull: false },
      resource_id: DataTypes.TEXT,
      details: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      ip: DataTypes.TEXT,
      created_at: DataTypes.DATE,
    }, { sequelize, tableName: 'audit_logs', underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: false });
  }
}
