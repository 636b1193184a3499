// The ordered list of frozen migrations. Migrations never import application code.
import type { Migration } from 'kysely/migration';
import * as foundation from './20261122000100_foundation.ts';
import * as auditLog from './20261122000200_audit_log.ts';
import * as partnerships from './20261122000300_partnerships_and_packs.ts';
import * as requests from './20261122000400_requests_and_disclosures.ts';
import * as hardening from './20261203000100_hardening.ts';
import * as peopleAndRoles from './20261203000110_people_and_roles.ts';
import * as credentials from './20261203000120_credentials_and_mfa.ts';
import * as agreements from './20261203000200_agreements.ts';
import * as breaches from './20261203000300_breaches.ts';
import * as complaintsAndDisputes from './20261203000310_complaints_and_disputes.ts';
import * as decisionApproval from './20261203000500_decision_approval_and_withdrawal.ts';
import * as retention from './20261203000600_retention_and_disposal.ts';
import * as identityProviders from './20261204000100_identity_providers.ts';
import * as breakGlass from './20261204000200_break_glass.ts';
import * as agreementReviews from './20261204000300_agreement_reviews.ts';
import * as rightsRequests from './20261204000400_rights_requests.ts';
import * as submissions from './20261204000550_submissions.ts';
import * as recordVersions from './20261204000560_record_versions.ts';
import * as onwardItemsAndSendDrafts from './20261205000200_onward_items_and_send_drafts.ts';
import * as invitationsAndAlerts from './20261205000300_invitations_and_access_alerts.ts';
import * as disposalAtScale from './20261205000400_disposal_at_scale.ts';
import * as agreementChanges from './20261205000500_agreement_changes.ts';
import * as correctionClock from './20261206000100_correction_clock.ts';

export const migrations: Record<string, Migration> = {
  '20261122000100_foundation': foundation,
  '20261122000200_audit_log': auditLog,
  '20261122000300_partnerships_and_packs': partnerships,
  '20261122000400_requests_and_disclosures': requests,
  '20261203000100_hardening': hardening,
  '20261203000110_people_and_roles': peopleAndRoles,
  '20261203000120_credentials_and_mfa': credentials,
  '20261203000200_agreements': agreements,
  '20261203000300_breaches': breaches,
  '20261203000310_complaints_and_disputes': complaintsAndDisputes,
  '20261203000500_decision_approval_and_withdrawal': decisionApproval,
  '20261203000600_retention_and_disposal': retention,
  '20261204000100_identity_providers': identityProviders,
  '20261204000200_break_glass': breakGlass,
  '20261204000300_agreement_reviews': agreementReviews,
  '20261204000400_rights_requests': rightsRequests,
  '20261204000550_submissions': submissions,
  '20261204000560_record_versions': recordVersions,
  '20261205000200_onward_items_and_send_drafts': onwardItemsAndSendDrafts,
  '20261205000300_invitations_and_access_alerts': invitationsAndAlerts,
  '20261205000400_disposal_at_scale': disposalAtScale,
  '20261205000500_agreement_changes': agreementChanges,
  '20261206000100_correction_clock': correctionClock,
};
