import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

export type Role = 'admin' | 'customer_owner' | 'customer_member';

export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare username: string;
  declare email: string | null;
  declare phone: string | null;
  declare password_hash: string;
  declare role: Role;
  declare tenant_id: number | null;
  declare status: CreationOptional<'active' | 'disabled'>;
  declare must_change_password: CreationOptional<boolean>;
  declare password_changed_at: Date | null;
  declare last_login_at: Date | null;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    User.init({
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      username: { type: DataTypes.TEXT, allowNull: false },
      email: DataTypes.TEXT,
      phone: DataTypes.TEXT,
      password_hash: { type: DataTypes.TEXT, allowNull: false },
      role: { type: DataTypes.TEXT, allowNull: false },
      tenant_id: DataTypes.INTEGER,
      status: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'active' },
      must_change_password: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      password_changed_at: DataTypes.DATE,
      last_login_at: DataTypes.DATE,
      created_at: DataTypes.DATE,
      updated_at: DataTypes.DATE,
    }, { sequelize, tableName: 'users', underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' });
  }
}
