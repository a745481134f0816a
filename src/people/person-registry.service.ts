import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { PersonDocumentType } from '../common/format/identity';
import { Person } from './entities/person.entity';
import { findById } from '../database/entity-reads';

/** Rows per INSERT of a bulk load (each column one array parameter). */
const BULK_ROWS = 20_000;

/**
 * The one person registry (DOM-RUT-3, DOM-ORG-15, DOM-PRG-2): a person is one record, found by their identity
 * document, shared by every association, program and table that knows them. Callers pass their transaction.
 */
@Injectable()
export class PersonRegistry {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  findByDocument(documentType: PersonDocumentType, documentNumber: string, em?: EntityManager): Promise<Person | null> {
    return this.m(em).findOneBy(Person, { documentType, documentNumber });
  }

  findById(id: string, em?: EntityManager): Promise<Person | null> {
    return findById(this.m(em), Person, id);
  }

  /** Several people by id in one query (the market's mails read 200 entrepreneurs' e-mails at once). */
  async findByIds(ids: string[], em?: EntityManager): Promise<Person[]> {
    if (!ids.length) return [];
    return this.m(em).getRepository(Person).createQueryBuilder('p').where('p.id = ANY(:ids)', { ids }).getMany();
  }

  async findByDocuments(documentType: PersonDocumentType, numbers: string[], em?: EntityManager): Promise<Person[]> {
    const out: Person[] = [];
    for (let i = 0; i < numbers.length; i += 5000) {
      out.push(
        ...(await this.m(em)
          .getRepository(Person)
          .createQueryBuilder('p')
          .where('p.document_type = :t', { t: documentType })
          .andWhere('p.document_number = ANY(:n)', { n: numbers.slice(i, i + 5000) })
          .getMany()),
      );
    }
    return out;
  }

  insert(values: Partial<Person>, em: EntityManager): Promise<Person> {
    return em.save(Person, em.create(Person, values));
  }

  async update(id: string, changes: Partial<Person>, em: EntityManager): Promise<void> {
    await em.update(Person, { id }, changes);
  }

  /**
   * Inserts people (document, name, birth date and contacts) in one statement, each column sent as one array
   * (unnest): an import's 10,000 rows are one round trip. Returns their ids by document number.
   */
  async insertMany(rows: Partial<Person>[], em: EntityManager): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (let i = 0; i < rows.length; i += BULK_ROWS) {
      const batch = rows.slice(i, i + BULK_ROWS);
      const col = (key: keyof Person) => batch.map((r) => r[key] ?? null);
      const result: { id: string; document_number: string }[] = await em.query(
        `INSERT INTO person (document_type, document_number, full_name, name_key, birth_date, email, phone, address)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::text[], $7::text[], $8::text[])
         RETURNING id, document_number`,
        [
          col('documentType'),
          col('documentNumber'),
          col('fullName'),
          col('nameKey'),
          col('birthDate'),
          col('email'),
          col('phone'),
          col('address'),
        ],
      );
      for (const r of result) ids.set(r.document_number, r.id);
    }
    return ids;
  }
}
