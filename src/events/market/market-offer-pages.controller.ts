import { Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/access/decorators';
import { textIn } from '../../common/i18n/messages';
import { MarketException } from './market.exception';
import { marketOperationsTexts } from './market-operations.messages';
import { MarketOfferService, type OfferView } from './market-offer.service';

const localeOf = (res: Response) => (res.locals.locale === 'en' ? 'en' : 'es');

/**
 * The waitlist offer's link (DOM-MKT-3), without an account: the token in the address is the credential. GET shows
 * the stand and a confirm button (a GET never accepts: mail scanners open links); POST accepts. An offer past its
 * time answers 410 with a Spanish page saying so.
 */
@ApiExcludeController()
@Public()
@Controller('semanas/oferta')
export class MarketOfferPagesController {
  constructor(private readonly offers: MarketOfferService) {}

  private render(res: Response, token: string, offer: OfferView, status = 200, detail?: string): void {
    const l = localeOf(res);
    const title =
      offer.state === 'accepted'
        ? marketOperationsTexts.offerAcceptedTitle()
        : offer.state === 'declined'
          ? marketOperationsTexts.offerDeclinedTitle()
          : offer.state === 'open'
            ? marketOperationsTexts.offerTitle()
            : marketOperationsTexts.offerExpiredTitle();
    res.status(status).render('market/operations/offer', {
      title: textIn(title, l),
      token,
      offer,
      open: offer.state === 'open',
      accepted: offer.state === 'accepted',
      declined: offer.state === 'declined',
      detail:
        detail ??
        (offer.state === 'expired'
          ? textIn(marketOperationsTexts.offerExpired({ date: offer.expires }), l)
          : offer.state === 'declined'
            ? textIn(marketOperationsTexts.offerDeclined(), l)
            : null),
    });
  }

  @Get(':token')
  async show(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const offer = await this.offers.view(token);
    this.render(res, token, offer, offer.state === 'expired' ? 410 : 200);
  }

  /** DOM-MKT-3: the person offered the stand cannot come: the next on the waitlist gets it now. */
  @Post(':token/rechazar')
  async decline(@Param('token') token: string, @Res() res: Response): Promise<void> {
    this.render(res, token, await this.offers.decline(token));
  }

  @Post(':token')
  async accept(@Param('token') token: string, @Res() res: Response): Promise<void> {
    try {
      this.render(res, token, await this.offers.accept(token));
    } catch (err) {
      if (err instanceof MarketException && (err.code === 'OFFER_EXPIRED' || err.code === 'OFFER_TAKEN')) {
        const offer = await this.offers.view(token);
        return this.render(
          res,
          token,
          { ...offer, state: err.code === 'OFFER_EXPIRED' ? 'expired' : 'taken' },
          err.status,
          err.detailIn(localeOf(res)),
        );
      }
      throw err;
    }
  }
}
