import { Controller, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import type { JurisdictionTree } from '../../../../libs/jurisdictions/src/domain/jurisdiction-tree.js';
import { JURISDICTION_TREE } from '../tokens.js';

/** The administrative tree, public information for any signed-in user: units and where a pre-2025 unit went. */
@Controller('jurisdictions')
export class JurisdictionsController {
  constructor(@Inject(JURISDICTION_TREE) private readonly tree: JurisdictionTree) {}

  @Get(':code')
  unit(@Param('code') code: string) {
    const unit = this.tree.get(code);
    if (!unit) throw new NotFoundException();
    return {
      ...unit,
      ancestors: this.tree.ancestors(code).map((a) => ({ code: a.code, name: a.name, level: a.level })),
      children: this.tree.children(code).map((c) => ({ code: c.code, name: c.name, nameEn: c.nameEn, level: c.level })),
    };
  }

  /** The current unit(s) a pre-reform unit maps to; `partial` when it was split and no single unit holds it all. */
  @Get('former/:oldCode')
  former(@Param('oldCode') oldCode: string) {
    const current = this.tree.currentUnitsFor(oldCode);
    if (current.units.length === 0) throw new NotFoundException();
    return { oldCode, partial: current.partial, units: current.units.map((code) => ({ code, name: this.tree.get(code)?.name ?? null })) };
  }
}
