import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

export class Tenant extends Model<InferAttributes<Tenant>, InferCreationAttributes<Tenant>> {
  declare id: CreationOptional<number>;
  declare company_code: string;
  declare name: string | null;
  declare status: CreationOptional<'active' | 'disabled'>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    Tenant.init({
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      company_code: { type: DataTypes.TEXT, allowNull: false },
      name: { type: DataTypes.TEXT, allowNull: true },
      status: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'active' },
      created_at: DataTypes.DATE,
      updated_at: DataTypes.DATE,
    }, { sequelize, tableName: 'tenants', underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' });
  }
}
