import { ROLE_LABELS } from '@gapline/domain';
import { Select } from '@mantine/core';
import { IconBuilding } from '@tabler/icons-react';
import { useLocation, useNavigate } from 'react-router';
import type { Membership } from '../current-org';
import { sectionPathFor } from '../sections';

interface OrgSwitcherProps {
  current: Membership;
  memberships: Membership[];
}

/** Switch organisation, staying in the same section when the role there allows it. */
export function OrgSwitcher({ current, memberships }: OrgSwitcherProps) {
  const navigate = useNavigate();
  const location = useLocation();
  const section = location.pathname.split('/')[3] ?? 'overview';

  return (
    <Select
      aria-label="Organisation"
      leftSection={<IconBuilding size={16} aria-hidden />}
      data={memberships.map((m) => ({ value: m.orgId, label: m.orgName }))}
      value={current.orgId}
      allowDeselect={false}
      checkIconPosition="right"
      w={{ base: 180, sm: 260 }}
      comboboxProps={{ shadow: 'md' }}
      renderOption={({ option }) => {
        const m = memberships.find((x) => x.orgId === option.value);
        return (
          <div>
            <div>{option.label}</div>
            {m && (
              <div style={{ fontSize: 'var(--mantine-font-size-xs)', opacity: 0.65 }}>
                {ROLE_LABELS[m.role]}
              </div>
            )}
          </div>
        );
      }}
      onChange={(orgId) => {
        const target = memberships.find((m) => m.orgId === orgId);
        if (!target || target.orgId === current.orgId) return;
        navigate(`/orgs/${target.orgId}/${sectionPathFor(target.role, section)}`);
      }}
    />
  );
}
