import type { Core } from '@strapi/strapi';
import type { AiGenerationOutcome, AiOutcome } from '../../shared/contracts/ai';
import type { FilterGroup } from '../../shared/filter-tree';

export const AI_GENERATION_UID = 'plugin::segments.ai-generation';

export interface GenerationRecord {
  userId: number | null;
  userEmail: string | null;
  prompt: string;
  refined: boolean;
  model: string;
  responseFormat: string | null;
  attempts: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  filters: FilterGroup | null;
  explanation: string | null;
  warnings: string[];
  outcome: AiGenerationOutcome;
  status: number;
  error: string | null;
}

/** The record of AI Mode's generations (audit), written through the Query Engine. */
export function aiGenerationRepository(strapi: Core.Strapi) {
  const query = () => strapi.db.query(AI_GENERATION_UID as any);
  return {
    async create(record: GenerationRecord): Promise<string> {
      const row = await query().create({ data: record });
      return String(row.documentId);
    },
    async findOne(documentId: string): Promise<(GenerationRecord & { documentId: string }) | null> {
      return (await query().findOne({ where: { documentId } })) as any;
    },
    async setOutcome(documentId: string, outcome: AiOutcome) {
      await query().update({ where: { documentId }, data: { outcome } });
    },
    /** Generations a user asked for since `since`, whatever became of them. */
    async countSince(userId: number, since: Date): Promise<number> {
      return query().count({ where: { userId, createdAt: { $gte: since } } });
    },
    async deleteOlderThan(before: Date): Promise<number> {
      const { count } = await query().deleteMany({ where: { createdAt: { $lt: before } } });
      return count;
    },
  };
}
