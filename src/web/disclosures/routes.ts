// Information sent securely between agencies: the disclosure form under a decision to share (the
// only page that accepts files: multipart is registered for its POST alone), the lists, one
// disclosure (opening it records the read receipt), attachments, recalling, reporting an
// inaccuracy, asking the originator to agree to onward sharing, acknowledging a correction, and the
// originator's pages for agreements and corrections.
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type AttachmentInput, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from '../../domain/disclosures.ts';
import type { Actor } from '../../domain/staff.ts';
import { signedIn } from '../../http/auth.ts';
import { acknowledgeCorrection } from '../../use-cases/corrections/acknowledge-correction.ts';
import { decideCorrection } from '../../use-cases/corrections/decide-correction.ts';
import { reportInaccuracy } from '../../use-cases/corrections/report-inaccuracy.ts';
import { viewCorrection } from '../../use-cases/corrections/view-correction.ts';
import { downloadAttachment } from '../../use-cases/disclosures/download-attachment.ts';
import { listDisclosures } from '../../use-cases/disclosures/list-disclosures.ts';
import { openDisclosure } from '../../use-cases/disclosures/open-disclosure.ts';
import { prepareDisclosure } from '../../use-cases/disclosures/prepare-disclosure.ts';
import { revokeDisclosure } from '../../use-cases/disclosures/revoke-disclosure.ts';
import { saveDisclosureDraft } from '../../use-cases/disclosures/save-disclosure-draft.ts';
import { sendDisclosure } from '../../use-cases/disclosures/send-disclosure.ts';
import type { Deps } from '../../use-cases/kernel/deps.ts';
import type { FieldError, Outcome } from '../../use-cases/kernel/outcome.ts';
import { answerOnwardAgreement } from '../../use-cases/onward-agreements/answer-onward-agreement.ts';
import { requestOnwardAgreement } from '../../use-cases/onward-agreements/request-onward-agreement.ts';
import { viewOnwardAgreement } from '../../use-cases/onward-agreements/view-onward-agreement.ts';
import { listAgencies } from '../../use-cases/partnerships/list-agencies.ts';
import { field, render } from '../render.ts';
import {
  agreementAnswers,
  agreementFormErrors,
  applySendFormAction,
  contentDisposition,
  type DisclosureFormValues,
  disclosureFormErrors,
  disclosureFormView,
  disclosureInput,
  draftValues,
  presentAgreement,
  presentCorrection,
  presentDisclosure,
  presentDisclosureLists,
  readDisclosureValues,
  sendFormAction,
  sentFlash,
  toDraft,
} from './presenter.ts';

type Params = { disclosureId: string };
/** A form on a disclosure's page; acknowledging a correction names the correction too. */
type ActionParams = Params & { correctionId?: string };

const takeFlash = (request: FastifyRequest) => {
  const flash = request.session.flash;
  if (flash) request.session.flash = undefined;
  return flash;
};

/** An uploaded file as the multipart parser leaves it in the body (see onFile below). */
interface Upload {
  upload: true;
  filename: string;
  contentType: string;
  content: Buffer;
}
const isUpload = (v: unknown): v is Upload => typeof v === 'object' && v !== null && (v as Upload).upload === true;

/** Files chosen in the form; the empty part a browser sends when no file was chosen is left out. */
function uploadsOf(body: unknown): AttachmentInput[] {
  const v = (body as Record<string, unknown> | undefined)?.attachments;
  return [v ?? []]
    .flat()
    .filter(isUpload)
    .filter((f) => f.filename !== '' || f.content.length > 0)
    .map((f) => ({ filename: f.filename, contentType: f.contentType, content: f.content }));
}

export async function disclosureRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  // --- sending under a decision to share -------------------------------------------------------

  /** The send form: from what was posted, or (`values` undefined) as last saved. */
  async function sendPage(request: FastifyRequest, reply: FastifyReply, decisionId: string, values?: DisclosureFormValues, errors: FieldError[] = [], problem?: string, statusCode?: number) {
    const prepared = await prepareDisclosure(deps, signedIn(request).actor, decisionId);
    if (prepared.kind !== 'ok') return reply.callNotFound();
    const form = prepared.value;
    values ??= draftValues(form.draft);
    if (form.sentDisclosureId && !errors.length && !problem) return reply.redirect(`/disclosures/${form.sentDisclosureId}`, 303);
    return render(
      request,
      reply,
      'disclosures/send.njk',
      {
        pageTitle: 'Send information securely',
        form: disclosureFormView(form, values),
        blocked: form.sentDisclosureId ? null : form.blocked,
        sentHref: form.sentDisclosureId ? `/disclosures/${form.sentDisclosureId}` : null,
        maxAttachments: MAX_ATTACHMENTS,
        flash: takeFlash(request),
        problem,
        errors,
      },
      statusCode ?? (errors.length || problem ? 400 : 200),
    );
  }

  app.get<{ Params: { decisionId: string } }>('/decisions/:decisionId/send', async (request, reply) => {
    return sendPage(request, reply, request.params.decisionId);
  });

  // Files are accepted here and nowhere else. The fields are parsed into the body before the web
  // plugin's preHandler checks the CSRF token in it; limits keep an upload bounded (one byte over the
  // domain's limit, so that an oversized file is reported beside the field rather than cut short).
  await app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      throwFileSizeLimit: false,
      limits: { files: MAX_ATTACHMENTS + 1, fileSize: MAX_ATTACHMENT_BYTES + 1, fields: 120, parts: 130, fieldSize: 64 * 1024 },
      async onFile(part: MultipartFile) {
        const content = await part.toBuffer();
        part.value = { upload: true, filename: part.filename, contentType: part.mimetype, content } satisfies Upload;
      },
    });
    scope.setErrorHandler(async (error: FastifyError, request, reply) => {
      if (error.code === 'FST_FILES_LIMIT') {
        return render(request, reply, 'error.njk', { pageTitle: 'Too many files', statusCode: 413, heading: 'Too many files', body: `Go back and attach at most ${MAX_ATTACHMENTS} files.` }, 413);
      }
      throw error;
    });

    scope.post<{ Params: { decisionId: string } }>('/decisions/:decisionId/send', async (request, reply) => {
      const { actor } = signedIn(request);
      const { decisionId } = request.params;
      const values = readDisclosureValues(request.body as Record<string, unknown>);
      const attachments = uploadsOf(request.body);
      // "Add another item", "Remove" and Enter in a field (the hidden "keep" button) keep what is
      // typed so far as a draft and come back to the form (post-redirect-get); files are attached
      // only when sending.
      const action = sendFormAction(request.body as Record<string, unknown>);
      if (action.kind !== 'send') {
        const next = applySendFormAction(values, action);
        const saved = await saveDisclosureDraft(deps, actor, decisionId, toDraft(next.values));
        if (saved.kind === 'not_found' || saved.kind === 'forbidden') return reply.callNotFound();
        if (saved.kind === 'conflict') return sendPage(request, reply, decisionId, values, [], saved.reason, 409);
        if (saved.kind === 'invalid') return sendPage(request, reply, decisionId, values, [], saved.errors[0]?.message);
        if (attachments.length) request.session.flash = 'Your items are kept. Choose your files again when you are ready to send: files are attached only when you send.';
        else if (action.kind === 'keep') request.session.flash = 'Your items are kept. Nothing has been sent: press “Send securely” when you are ready.';
        return reply.redirect(`/decisions/${decisionId}/send#item-${next.focus}-choice`, 303);
      }
      const { input, rowOf } = disclosureInput(decisionId, values);
      const result = await sendDisclosure(deps, actor, input, attachments);
      if (result.kind === 'ok') {
        request.session.flash = sentFlash(result.value.expiresAt);
        return reply.redirect(`/disclosures/${result.value.disclosureId}`, 303);
      }
      if (result.kind === 'conflict') return sendPage(request, reply, decisionId, values, [], result.reason, 409);
      if (result.kind !== 'invalid') return reply.callNotFound();
      const mapped = disclosureFormErrors(result.errors, rowOf);
      // Browsers never keep chosen files when a page is shown again.
      const errors =
        attachments.length && !mapped.errors.some((e) => e.path === 'attachments') && mapped.errors.length
          ? [...mapped.errors, { path: 'attachments', message: 'Choose your files again' }]
          : mapped.errors;
      return sendPage(request, reply, decisionId, values, errors, mapped.problem);
    });
  });

  // --- the lists ---------------------------------------------------------------------------------

  app.get('/disclosures', async (request, reply) => {
    const { actor } = signedIn(request);
    const lists = presentDisclosureLists(await listDisclosures(deps, actor));
    return render(request, reply, 'disclosures/index.njk', { pageTitle: 'Information received and sent', lists, flash: takeFlash(request) });
  });

  // --- one disclosure ----------------------------------------------------------------------------

  async function disclosurePage(
    request: FastifyRequest,
    reply: FastifyReply,
    disclosureId: string,
    state: { form?: string; values?: Record<string, unknown>; errors?: FieldError[]; problem?: string; statusCode?: number } = {},
  ) {
    const { actor } = signedIn(request);
    const result = await openDisclosure(deps, actor, disclosureId);
    if (result.kind !== 'ok') return reply.callNotFound();
    const agencies = (await listAgencies(deps, actor)).filter((a) => a.active && a.id !== actor.agencyId);
    const pack = deps.packs.get(result.value.pack);
    const levelTitles = Object.fromEntries((pack?.informationLevels ?? []).map((l) => [l.level, l.title]));
    const view = presentDisclosure(result.value, actor, agencies, levelTitles, state);
    return render(
      request,
      reply,
      'disclosures/show.njk',
      { pageTitle: `${view.title}: ${view.childName}`, disclosure: view, flash: takeFlash(request), problem: state.problem, errors: state.errors ?? [] },
      state.statusCode ?? 200,
    );
  }

  app.get<{ Params: Params }>('/disclosures/:disclosureId', async (request, reply) => disclosurePage(request, reply, request.params.disclosureId));

  app.get<{ Params: Params & { attachmentId: string } }>('/disclosures/:disclosureId/attachments/:attachmentId', async (request, reply) => {
    const { actor } = signedIn(request);
    const { disclosureId, attachmentId } = request.params;
    const result = await downloadAttachment(deps, actor, disclosureId, attachmentId);
    if (result.kind !== 'ok') return reply.callNotFound();
    return reply
      .header('content-type', result.value.contentType)
      .header('content-disposition', contentDisposition(result.value.filename))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(result.value.content);
  });

  /** A form on the disclosure page: back to it with a flash, or the page again with the problem. */
  function action(path: string, form: string, run: (actor: Actor, params: ActionParams, body: unknown) => Promise<Outcome<unknown>>, done: string) {
    app.post<{ Params: ActionParams }>(`/disclosures/:disclosureId/${path}`, async (request, reply) => {
      const { disclosureId } = request.params;
      const result = await run(signedIn(request).actor, request.params, request.body);
      if (result.kind === 'not_found' || result.kind === 'forbidden') return reply.callNotFound();
      if (result.kind === 'ok') {
        request.session.flash = done;
        return reply.redirect(`/disclosures/${disclosureId}`, 303);
      }
      if (result.kind === 'conflict') return disclosurePage(request, reply, disclosureId, { problem: result.reason, statusCode: 409 });
      return disclosurePage(request, reply, disclosureId, { form, values: (request.body ?? {}) as Record<string, unknown>, errors: result.errors, statusCode: 400 });
    });
  }

  action(
    'revoke',
    'revoke',
    (actor, p, body) => revokeDisclosure(deps, actor, p.disclosureId, { reason: field(body, 'reason') }),
    'The information is recalled. It can no longer be opened, and the agency has been told.',
  );
  action(
    'inaccuracies',
    'report',
    (actor, p, body) => reportInaccuracy(deps, actor, p.disclosureId, { itemId: field(body, 'itemId'), description: field(body, 'description') }),
    'The inaccuracy is reported to the originator, who will decide whether to correct it.',
  );
  action(
    'agreements',
    'agreement',
    (actor, p, body) => requestOnwardAgreement(deps, actor, p.disclosureId, { toAgencyId: field(body, 'toAgencyId'), purpose: field(body, 'purpose') }),
    'The originator is asked to agree. You will be told when they answer.',
  );
  action(
    'corrections/:correctionId/acknowledge',
    'acknowledge',
    (actor, p) => acknowledgeCorrection(deps, actor, p.disclosureId, p.correctionId ?? ''),
    'The correction is acknowledged. Update your own records with it.',
  );

  // --- the originator: agreeing to onward sharing ------------------------------------------------

  async function agreementPage(
    request: FastifyRequest,
    reply: FastifyReply,
    agreementId: string,
    values: Record<string, unknown> = {},
    errors: FieldError[] = [],
    problem?: string,
    statusCode?: number,
  ) {
    const result = await viewOnwardAgreement(deps, signedIn(request).actor, agreementId);
    if (result.kind !== 'ok') return reply.callNotFound();
    const agreement = presentAgreement(result.value, values);
    return render(
      request,
      reply,
      'disclosures/agreement.njk',
      { pageTitle: `Sharing onward: ${agreement.childName}`, agreement, flash: takeFlash(request), problem, errors },
      statusCode ?? (errors.length ? 400 : 200),
    );
  }

  app.get<{ Params: { agreementId: string } }>('/agreements/:agreementId', async (request, reply) => agreementPage(request, reply, request.params.agreementId));

  app.post<{ Params: { agreementId: string } }>('/agreements/:agreementId', async (request, reply) => {
    const { actor } = signedIn(request);
    const { agreementId } = request.params;
    const body = (request.body ?? {}) as Record<string, unknown>;
    // The form answers each item (item-<id>-answer, item-<id>-reason); one answer may cover them all.
    const shown = Object.keys(body)
      .map((k) => /^item-([0-9a-f-]{36})-(?:answer|reason)$/.exec(k)?.[1])
      .filter((id): id is string => id !== undefined);
    const items = agreementAnswers(
      body,
      [...new Set(shown)].map((id) => ({ id })),
    );
    const result = await answerOnwardAgreement(deps, actor, agreementId, {
      answer: field(body, 'answer') || undefined,
      reasons: field(body, 'reasons'),
      ...(items.length ? { items } : {}),
    });
    if (result.kind === 'not_found') return reply.callNotFound();
    if (result.kind === 'ok') {
      const { status, agreed, refused } = result.value;
      request.session.flash =
        status === 'agreed'
          ? 'You agreed. The agency that asked has been told.'
          : status === 'refused'
            ? 'You refused. The agency that asked has been told your reasons.'
            : `You agreed to ${agreed === 1 ? '1 item' : `${agreed} items`} and refused ${refused === 1 ? '1 item' : `${refused} items`}. The agency that asked has been told, with your reasons; it can pass on only the items you agreed to.`;
      return reply.redirect(`/agreements/${agreementId}`, 303);
    }
    if (result.kind === 'conflict') return agreementPage(request, reply, agreementId, body, [], result.reason, 409);
    if (result.kind !== 'invalid') throw new Error(`unexpected outcome: ${result.kind}`);
    return agreementPage(request, reply, agreementId, body, agreementFormErrors(result.errors));
  });

  // --- the originator (and the reporting agency): a reported inaccuracy ---------------------------------

  async function correctionPage(
    request: FastifyRequest,
    reply: FastifyReply,
    correctionId: string,
    values: Record<string, unknown> = {},
    errors: FieldError[] = [],
    problem?: string,
    statusCode?: number,
  ) {
    const result = await viewCorrection(deps, signedIn(request).actor, correctionId);
    if (result.kind !== 'ok') return reply.callNotFound();
    const correction = presentCorrection(result.value, values);
    return render(
      request,
      reply,
      'disclosures/correction.njk',
      { pageTitle: `Reported inaccuracy: ${correction.childName}`, correction, flash: takeFlash(request), problem, errors },
      statusCode ?? (errors.length ? 400 : 200),
    );
  }

  app.get<{ Params: { correctionId: string } }>('/corrections/:correctionId', async (request, reply) => correctionPage(request, reply, request.params.correctionId));

  app.post<{ Params: { correctionId: string } }>('/corrections/:correctionId', async (request, reply) => {
    const { actor } = signedIn(request);
    const { correctionId } = request.params;
    const values = { decision: field(request.body, 'decision'), correctedValue: field(request.body, 'correctedValue'), note: field(request.body, 'note') };
    const result = await decideCorrection(deps, actor, correctionId, { decision: values.decision || undefined, correctedValue: values.correctedValue, note: values.note });
    if (result.kind === 'not_found') return reply.callNotFound();
    if (result.kind === 'ok') {
      request.session.flash =
        result.value.status === 'corrected'
          ? `The correction is sent to ${result.value.deliveredTo === 1 ? '1 agency' : `${result.value.deliveredTo} agencies`} that received the information.`
          : 'Your decision is sent to the agency that reported the inaccuracy.';
      return reply.redirect(`/corrections/${correctionId}`, 303);
    }
    if (result.kind === 'conflict') return correctionPage(request, reply, correctionId, values, [], result.reason, 409);
    if (result.kind !== 'invalid') throw new Error(`unexpected outcome: ${result.kind}`);
    return correctionPage(request, reply, correctionId, values, result.errors);
  });
}
