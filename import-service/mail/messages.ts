import type { ImportSummary, RowCounts } from '../../core/importApi';

export interface MailText {
  subject: string;
  body: string;
}

/**
 * The login e-mail to a staff user. It tells them their username and how to sign in, and
 * never carries a password: the service keeps none (only salted hashes), and a password in
 * an e-mail would sit in mailboxes and mail logs for years. Their password is the one their
 * district set; they ask the district's administrator if they do not know it.
 */
export function staffLoginMail(user: { firstName: string; lastName: string; username: string; email: string }, ctx: { districtName: string; signInUrl: string | undefined; adminEmail: string }): MailText {
  const lines = [
    `Hello ${user.firstName} ${user.lastName},`,
    '',
    `${ctx.districtName} has set up your Classworks account.`,
    '',
    `  Username: ${user.username}`,
    ...(ctx.signInUrl ? [`  Sign in:  ${ctx.signInUrl}`] : []),
    '',
    'Your password is the one your district set for you.',
    'For your security this e-mail does not contain it.',
    "If you do not know it, ask your district's Classworks administrator:",
    `  ${ctx.adminEmail}`,
    'You can also sign in with single sign-on using this e-mail address:',
    `  ${user.email}`,
    '',
    ctx.districtName,
  ];
  return { subject: 'Your Classworks login information', body: lines.join('\n') + '\n' };
}

function countLines(counts: RowCounts): string[] {
  return [
    `  Rows in the file:        ${counts.rows}`,
    `  Users created:           ${counts.create}`,
    `  Users updated:           ${counts.update}`,
    `  Unchanged:               ${counts.unchanged}`,
    `  With conflicts:          ${counts.conflict}`,
    `  Rows with errors:        ${counts.error}`,
    `  Without a school:        ${counts.withoutSchool}`,
    `  Added to custom group:   ${counts.addedToGroup}`,
  ];
}

/** The e-mail to the person who submitted an import, when it has completed or failed. */
export function completionMail(summary: ImportSummary, ctx: { detailsUrl: string }): MailText {
  const title = `Classworks import ${summary.number} ${summary.status === 'Failed' ? 'failed' : summary.status.toLowerCase()}`;
  const lines = [
    `${title}.`,
    '',
    `  Import number: ${summary.number}`,
    `  Description:   ${summary.description || '(none)'}`,
    `  Type:          ${summary.type}`,
    `  File:          ${summary.fileName}`,
    `  Status:        ${summary.status}`,
    `  Completed:     ${summary.completedAt ?? ''}`,
    '',
    ...(summary.counts ? countLines(summary.counts) : []),
    ...(summary.failureReasons.length ? ['', 'Reasons:', ...summary.failureReasons.map((r) => `  - ${r}`)] : []),
    '',
    `Details: ${ctx.detailsUrl}`,
  ];
  return { subject: title, body: lines.join('\n') + '\n' };
}
