/** The facts view does not exist yet: no runner has made the projection's first build. */
export class IndicatorViewNotReadyError extends Error {
  constructor() {
    super('The indicator facts are not built yet');
    this.name = 'IndicatorViewNotReadyError';
  }
}
