import type { FastifyInstance } from 'fastify';
import { signedIn } from '../../http/auth.ts';
import type { Deps } from '../../use-cases/kernel/deps.ts';
import { render } from '../render.ts';
import { presentProtocol } from './presenter.ts';

export async function protocolRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get('/protocol', async (request, reply) => {
    const { staff } = signedIn(request);
    const pack = deps.packs.get(staff.pack);
    if (!pack) throw new Error(`The partnership's protocol pack ${staff.pack} is not loaded`);
    return render(request, reply, 'protocol/show.njk', { pageTitle: 'Your protocol', protocol: presentProtocol(pack, staff.partnershipName) });
  });
}
