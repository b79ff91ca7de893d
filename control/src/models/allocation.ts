import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

export class Allocation extends Model<InferAttributes<Allocation>, InferCreationAttributes<Allocation>> {
  declare id: CreationOptional<number>;
  declare machine_id: number;
  declare tenant_id: number;
  declare start_at: CreationOptional<Date>;
  declare end_at: Date;
  declare status: CreationOptional<'active' | 'reclaimed' | 'expired'>;
  declare reclaim_reason: CreationOptional<string | null>;
  declare reclaimed_at: CreationOptional<Date | null>;
  declare created_by: number | null;
  declare reclaimed_by: CreationOptional<number | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    Allocation.init({
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      machine_id: { type: DataTypes.INTEGER, allowNull: false },
      tenant_id: { type: DataTypes.INTEGER, allowNull: false },
      start_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      end_at: { type: DataTypes.DATE, allowNull: false },
      status: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'active' },
      reclaim_reason: DataTypes.TEXT,
      reclaimed_at: DataTypes.DATE,
      created_by: DataTypes.INTEGER,
      reclaimed_by: DataTypes.INTEGER,
      created_at: DataTypes.DATE,
      updated_at: DataTypes.DATE,
    }, { sequelize, tableName: 'allocations', underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' });
  }
}
