import type { Catalogue } from '../../i18n/translate.std';
import { audioZhCN } from './audio.zhCN.std';
import { destinationsZhCN } from './destinations.zhCN.std';
import { goliveZhCN } from './golive.zhCN.std';
import { libraryZhCN } from './library.zhCN.std';
import type { StudioKey } from './messages.en.std';
import { panelZhCN } from './panel.zhCN.std';
import { productsZhCN } from './products.zhCN.std';
import { scenesZhCN } from './scenes.zhCN.std';
import { shellZhCN } from './shell.zhCN.std';
import { staffZhCN } from './staff.zhCN.std';

// 工作台的简体中文：与英文目录一一对应（类型检查保证没有漏译），由各区域的部分组成。

export const zhCN: Catalogue<StudioKey> = {
  ...shellZhCN,
  ...goliveZhCN,
  ...destinationsZhCN,
  ...panelZhCN,
  ...staffZhCN,
  ...scenesZhCN,
  ...audioZhCN,
  ...libraryZhCN,
  ...productsZhCN,
};
