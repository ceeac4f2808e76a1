import type { Translation } from '../../i18n/translate.std';
import type { shellEn } from './shell.en.std';

// 工作台的框架：顶栏、场控台、连接问题、通用按钮、状态栏、通知和直播间卡片。

export const shellZhCN: Translation<typeof shellEn> = {
  'language.switch': 'EN',
  'language.switchLabel': 'Switch to English（切换到英文）',

  'shell.library': '直播回放',
  'shell.program': '直播画面',
  'shell.sessionEnded': '工作台已结束这次连接。',
  'shell.output': '输出',
  'shell.output.720p30': '720p · 30 帧（横屏 16:9）',
  'shell.output.1080p30': '1080p · 30 帧（横屏 16:9）',
  'shell.output.vertical720x1280': '竖屏 720×1280（9:16）',
  'shell.previewLabel': '直播画面预览，{width}×{height}',
  'shell.programStopped': '直播画面已停止：{reason}',

  'console.title': '场控台 — {name}',
  'console.brand': 'Shopcast 场控台',
  'console.who': '— {name}（{role, select, host {主播} moderator {场控} other {{role}}}）',
  'console.lost': '与工作台的连接已断开。如需继续使用这个场控台，请向主播要一个新的配对码。',

  'engine.notRunning': 'Shopcast 引擎没有运行',
  'engine.roomStaysOpen': '直播间独立运行，观众仍可进入。',
  'engine.unreachable': 'Shopcast 连接不上工作台核心',
  'engine.restartStudio': '请重新启动工作台（npm run studio），再打开它给出的新链接。',
  'engine.restart': '重新启动',
  'engine.restarting': '正在重新启动…',
  'engine.restartFailed': '没能重新启动：{reason}',
  'engine.stopped': 'Shopcast 引擎已停止。',
  'engine.stoppedAfter': '{reason} 直播间仍为观众开着；如果正在直播，推流已经停止。',
  'engine.coreStopped': '工作台核心已停止。请重新启动，再打开它的新链接。',
  'engine.scenesNotSaved': '场景没能保存：{reason}',

  'common.cancel': '取消',
  'common.close': '关闭',
  'common.save': '保存',
  'common.add': '添加',
  'common.edit': '编辑',
  'common.remove': '删除',
  'common.done': '完成',
  'file.choose': '选择文件…',
  'file.none': '未选择文件',
  'confirm.remove': '{what, select, scene {删除场景“{name}”？} source {删除素材“{name}”？} destination {删除推流平台“{name}”？} product {删除商品“{name}”？} other {删除“{name}”？}}',
  'confirm.removeLabel': '删除{name}？',

  'error.forbidden': '只有主播可以这样操作：场控负责评论、置顶、订单和讲解商品，不能改推流、密钥、设置或商品库。',
  'error.internal': '工作台出了点问题。请再试一次；如果一直失败，请重启 Shopcast。',
  'error.invalid': '工作台没有接受这次操作。请检查表单后再试。',

  'status.region': '推流状态',
  'status.state': '状态',
  'status.state.offline': '未开播',
  'status.state.starting': '正在开播…',
  'status.state.live': '直播中',
  'status.state.reconnecting': '正在重连…',
  'status.state.ending': '正在下播…',
  'status.duration': '时长',
  'status.bitrate': '码率',
  'status.fps': '帧率',
  'status.dropped': '丢帧',
  'status.cpu': 'CPU',
  'status.kbps': '{kbps} kb/s',
  'status.percent': '{value}%',

  'notices.region': '通知',
  'notices.dismiss': '关闭通知',

  'room.region': '直播间',
  'room.notRunning': '直播间没有运行。',
  'room.qr': '{url} 的二维码',
  'room.joinAt': '观众入口',
  'room.copy': '复制链接',
  'room.copied': '已复制',
  'room.off': '已在推流平台中关闭：观众打开这个链接看不到直播。',
};
