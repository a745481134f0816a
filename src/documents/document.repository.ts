import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { IssuedDocument } from './entities/document.entity';

@Injectable()
export class DocumentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  async insert(document: Omit<IssuedDocument, 'id'>, em?: EntityManager): Promise<IssuedDocument> {
    const repo = this.manager(em).getRepository(IssuedDocument);
    return repo.save(repo.create(document));
  }

  findByVerificationCode(code: string): Promise<IssuedDocument | null> {
    return this.dataSource.getRepository(IssuedDocument).findOneBy({ verificationCode: code });
  }

  /** The documents issued with this one, without their bytes. */
  async attachmentsOf(id: string): Promise<{ id: string; filename: string; sha256: string; sizeBytes: number }[]> {
    const rows = await this.dataSource.getRepository(IssuedDocument).find({
      where: { issuedWithId: id },
      select: { id: true, filename: true, sha256: true, sizeBytes: true },
      order: { issuedAt: 'ASC' },
    });
    return rows.map((r) => ({ id: r.id, filename: r.filename, sha256: r.sha256, sizeBytes: r.sizeBytes }));
  }

  findById(id: string, em?: EntityManager): Promise<IssuedDocument | null> {
    return this.manager(em).getRepository(IssuedDocument).findOneBy({ id });
  }

  /** Reads a document and keeps it from changing status until the caller's transaction ends. */
  findByIdForShare(id: string, em: EntityManager): Promise<IssuedDocument | null> {
    return em
      .getRepository(IssuedDocument)
      .createQueryBuilder('d')
      .where('d.id = :id', { id })
      .setLock('pessimistic_read')
      .getOne();
  }

  /** Changes the status of an issued document; its bytes never change. Returns false if it was not `issued`. */
  async changeStatus(
    id: string,
    change: { status: 'superseded' | 'revoked'; at: Date; reason: string | null; supersededById?: string },
    em?: EntityManager,
  ): Promise<boolean> {
    const result = await this.manager(em)
      .createQueryBuilder()
      .update(IssuedDocument)
      .set({
        status: change.status,
        statusChangedAt: change.at,
        statusReason: change.reason,
        supersededById: change.supersededById ?? null,
      })
      .where('id = :id AND status = :issued', { id, issued: 'issued' })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
