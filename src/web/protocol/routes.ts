import type { FastifyInstance } from 'fastify';
import { signedIn } from '../../http/auth.ts';
import { listAgreements } from '../../use-cases/agreements/list-agreements.ts';
import type { Deps } from '../../use-cases/kernel/deps.ts';
import { presentList } from '../agreements/presenter.ts';
import { render } from '../render.ts';
import { presentProtocol } from './presenter.ts';

export async function protocolRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get('/protocol', async (request, reply) => {
    const { staff, actor } = signedIn(request);
    const pack = deps.packs.get(staff.pack);
    if (!pack) throw new Error(`The partnership's protocol pack ${staff.pack} is not loaded`);
    // The agreement in force: its status, how many parties have signed, and its next review.
    const main = (await listAgreements(deps, actor)).agreements.find((a) => !a.parentId && a.status === 'in_force');
    const agreement = main ? presentList([main]).main[0] : null;
    return render(request, reply, 'protocol/show.njk', { pageTitle: 'Your protocol', protocol: presentProtocol(pack, staff.partnershipName), agreement });
  });
}
