// Who takes part in the journeys, and the initiatives the head of AI registers.
export const ORG_NAME = 'Northwind Mutual';

export const HEAD_OF_AI = { name: 'Hana Okafor', email: 'hana@northwind.example' };
export const OWNER = { name: 'Olu Mensah', email: 'olu@northwind.example' };
export const FINANCE = { name: 'Farah Lind', email: 'farah@northwind.example' };

/** Three initiatives with different production criteria. */
export const INITIATIVES = {
  // Personal data and a 99.9% SLA: production required; handed to the project owner.
  claims: {
    name: 'Claims triage assistant',
    businessUnit: 'Claims',
    stage: 'Proof of concept',
    value: '250000',
    uptimeSla: '99.9',
    personalData: true,
    risk: 'Limited',
  },
  // No criterion applies: a proof of concept is enough. Finance budgets it; it stalls in journey 4.
  invoices: {
    name: 'Invoice capture',
    businessUnit: 'Finance operations',
    stage: 'Idea',
    value: '90000',
    risk: 'Minimal',
  },
  // Revenue at risk and regulated decisions under the high-risk class: the admin overrides its gate.
  fraud: {
    name: 'Fraud scoring',
    businessUnit: 'Claims',
    stage: 'Proof of concept',
    value: '600000',
    revenueAtRisk: '120000',
    regulated: true,
    risk: 'High',
  },
};
