import { Controller } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

/** The pages "Fondos para esta organización" and a beneficiary's funds (issue 18 item 3). */
@ApiExcludeController()
@Controller()
export class FundMatchingPagesController {}
