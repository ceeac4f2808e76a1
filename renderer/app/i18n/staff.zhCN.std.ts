import type { Translation } from '../../i18n/translate.std';
import type { staffEn } from './staff.en.std';

// 场控台：配对、谁在线、撤销权限。

export const staffZhCN: Translation<typeof staffEn> = {
  'staff.role.host': '主播（全部权限）',
  'staff.role.moderator': '场控（评论、订单、讲解）',
  'staff.roleTag': '{role, select, host {主播} moderator {场控} other {{role}}}',
  'staff.pairing': '{name}的配对',
  'staff.giveCode': '把这个配对码告诉<who>{name}</who>（{role, select, host {主播} moderator {场控} other {{role}}}），或让对方扫二维码：',
  'staff.code': '配对码',
  'staff.qr': '{url} 的二维码',
  'staff.singleUse': '只能用一次；{unit, select, expired {已过期。} minutes {{n} 分钟后过期。} hours {{n} 小时后过期。} other {{n} 天后过期。}}',
  'staff.form': '添加场控',
  'staff.name': '名字',
  'staff.roleLabel': '角色',
  'staff.add': '添加场控',
  'staff.none': '还没有场控。你直播时，场控可以在另一台电脑上管理评论、订单和讲解。',
  'staff.list': '场控',
  'staff.revokeQuestion': '撤销{name}（{role, select, host {主播} moderator {场控} other {{role}}}）的权限？对方的场控台会立即关闭。',
  'staff.revoke': '撤销',
  'staff.revokeLabel': '撤销{name}',
  'staff.state.waiting': '等待输入配对码',
  'staff.state.connected': '已连接（{count} 个窗口）',
  'staff.state.paired': '已配对，未连接',
  'staff.lastSeen': '{unit, select, never {从未上线} now {刚刚在线} minutes {{n} 分钟前在线} other {{n} 小时前在线}}',
  'staff.codeExpires': '{unit, select, expired {配对码已过期} minutes {配对码 {n} 分钟后过期} hours {配对码 {n} 小时后过期} other {配对码 {n} 天后过期}}',
  'staff.sessionEnds': '{unit, select, expired {连接已过期} minutes {连接 {n} 分钟后结束} hours {连接 {n} 小时后结束} other {连接 {n} 天后结束}}',
};
