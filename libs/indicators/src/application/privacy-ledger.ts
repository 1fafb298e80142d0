import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../case-kernel/src/domain/decider.js';
import { WrongExpectedRevisionError } from '../../../event-store/src/errors.js';
import type { EventStore, JsonObject } from '../../../event-store/src/port.js';

/** One release of the differentially private mechanism: an indicator's table for one period, for the whole country. */
export interface PrivateRelease {
  indicator: string;
  periodFrom: string;
  periodTo: string;
  /** A digest of the release's scope and true counts: the same question on the same data is the same release. */
  id: string;
  epsilon: number;
}

export interface PrivacyLedger {
  /** Records the release's privacy loss, unless it was recorded before; refuses it when the year's budget would be exceeded. */
  charge(release: PrivateRelease): Promise<void>;
}

export const PRIVACY_LOSS_RECORDED = 'statistics.privacy_loss_recorded';

/**
 * The privacy-loss ledger as events, one stream per indicator and year of the period: every release
 * of the differentially private mechanism appends its ε once; the same release asked again costs
 * nothing (its noise is the same). A release that would take the year's total past the budget is
 * refused (409), and nothing is published. Every release covers the whole country, so each area
 * spends the same: the budget is per indicator and year.
 */
export class EventStorePrivacyLedger implements PrivacyLedger {
  constructor(
    private readonly store: EventStore,
    private readonly yearlyBudget: number,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async charge(release: PrivateRelease): Promise<void> {
    const year = release.periodFrom.slice(0, 4);
    const stream = `statistics-privacy-ledger-${release.indicator}-${year}`;
    for (let attempt = 0; ; attempt++) {
      const events = await this.store.readStream(stream);
      if (events.some((e) => e.data.release === release.id)) return;
      const spent = events.reduce((sum, e) => sum + Number(e.data.epsilon), 0);
      if (spent + release.epsilon > this.yearlyBudget + 1e-9) {
        throw new DomainError(
          'invalid_state',
          'statistics.privacy_budget_spent',
          `The privacy budget of ${release.indicator} for ${year} is spent (ε ${spent.toFixed(2)} of ${this.yearlyBudget}): no new figure about people can be published for that year; earlier answers can still be asked again`,
          `Ngân sách quyền riêng tư của chỉ tiêu ${release.indicator} năm ${year} đã dùng hết (ε ${spent.toFixed(2)}/${this.yearlyBudget}): không công bố thêm số liệu mới về con người cho năm đó; các câu trả lời đã có vẫn xem lại được`,
          { indicator: release.indicator, year: Number(year), spent: Number(spent.toFixed(4)), budget: this.yearlyBudget },
        );
      }
      const data = {
        indicator: release.indicator,
        periodFrom: release.periodFrom,
        periodTo: release.periodTo,
        release: release.id,
        epsilon: release.epsilon,
        spentAfter: Number((spent + release.epsilon).toFixed(6)),
        budget: this.yearlyBudget,
      };
      try {
        await this.store.append(
          stream,
          [
            {
              id: randomUUID(),
              type: PRIVACY_LOSS_RECORDED,
              schemaVersion: 1,
              data: data as unknown as JsonObject,
              metadata: {
                actorId: 'statistics',
                role: 'none',
                jurisdiction: 'VN',
                purpose: 'statistics',
                correlationId: randomUUID(),
                causationId: null,
                occurredAt: this.clock().toISOString(),
              },
            },
          ],
          events.length === 0 ? 'no_stream' : events.length - 1,
        );
        return;
      } catch (error) {
        // Another answer charged the ledger at the same moment: read it again.
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= 5) throw error;
      }
    }
  }
}
