import type { AreaProps } from '../../app.js';
import { match } from '../../router.js';
import { NotFound } from '../../ui/components.js';
import { Dossier, DossierOpen } from './dossier.js';
import { TipDetail } from './tip-detail.js';
import { NewTip, TipList } from './tips.js';

/** Police and inspectors: tips from receipt to closing, and establishment dossiers. */
export default function EnforcementArea({ path }: AreaProps) {
  if (match('/console/tips', path)) return <TipList />;
  if (match('/console/tips/new', path)) return <NewTip />;
  const tip = match('/console/tips/:id', path);
  if (tip) return <TipDetail id={tip.id!} />;
  if (match('/console/establishments', path)) return <DossierOpen />;
  const dossier = match('/console/establishments/:id', path);
  if (dossier) return <Dossier id={dossier.id!} />;
  return <NotFound />;
}
