import {
  IconBuildingBank,
  IconCash,
  IconCertificate,
  IconCoins,
  IconFolders,
  IconHistory,
  IconListCheck,
  IconReceipt2,
  IconSearch,
  IconUsers,
  IconWallet,
  type Icon,
} from '@tabler/icons-react';
import type { Role } from '../../shared/api/accounts.js';
import { paths } from '../lib/paths.js';

export type NavItem = { label: string; to: string; icon: Icon };
export type NavSection = { role: Role; label: string; items: NavItem[] };

/** The sidebar, by role. A new area adds its item here and its route in routes.tsx. */
export const NAV_SECTIONS: NavSection[] = [
  {
    role: 'worker',
    label: 'Work',
    items: [
      { label: 'Find work', to: paths.worker.findWork, icon: IconSearch },
      { label: 'My work', to: paths.worker.myWork, icon: IconListCheck },
      { label: 'Earnings', to: paths.worker.earnings, icon: IconCoins },
    ],
  },
  {
    role: 'requester',
    label: 'Requesting',
    items: [
      { label: 'Projects', to: paths.requester.projects, icon: IconFolders },
      { label: 'Qualifications', to: paths.requester.qualifications, icon: IconCertificate },
      { label: 'Funds', to: paths.requester.funds, icon: IconWallet },
      { label: 'Spending', to: paths.requester.spending, icon: IconReceipt2 },
    ],
  },
  {
    role: 'admin',
    label: 'Administration',
    items: [
      { label: 'Users', to: paths.admin.users, icon: IconUsers },
      { label: 'Deposits', to: paths.admin.deposits, icon: IconBuildingBank },
      { label: 'Payouts', to: paths.admin.payouts, icon: IconCash },
      { label: 'Audit log', to: paths.admin.audit, icon: IconHistory },
    ],
  },
];
