// A JSON Resume (jsonresume.org, schema v1.0.0) as the importer reads it: every
// field optional, as the schema has it. The exporter writes the same shape,
// with `x-portfolio-bot` keys for the facts JSON Resume has no field for.

export interface ResumeLocation {
  address?: string | undefined;
  postalCode?: string | undefined;
  city?: string | undefined;
  countryCode?: string | undefined;
  region?: string | undefined;
}

export interface ResumeProfileLink {
  network?: string | undefined;
  username?: string | undefined;
  url?: string | undefined;
}

export interface ResumeBasics {
  name?: string | undefined;
  label?: string | undefined;
  image?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  url?: string | undefined;
  summary?: string | undefined;
  location?: ResumeLocation | undefined;
  profiles?: ResumeProfileLink[] | undefined;
}

export interface ResumeWork {
  name?: string | undefined;
  location?: string | undefined;
  description?: string | undefined;
  position?: string | undefined;
  url?: string | undefined;
  startDate?: string | undefined;
  endDate?: string | undefined;
  summary?: string | undefined;
  highlights?: string[] | undefined;
}

export interface ResumeVolunteer {
  organization?: string | undefined;
  position?: string | undefined;
  url?: string | undefined;
  startDate?: string | undefined;
  endDate?: string | undefined;
  summary?: string | undefined;
  highlights?: string[] | undefined;
}

export interface ResumeEducation {
  institution?: string | undefined;
  url?: string | undefined;
  area?: string | undefined;
  studyType?: string | undefined;
  startDate?: string | undefined;
  endDate?: string | undefined;
  score?: string | undefined;
  courses?: string[] | undefined;
}

export interface ResumeAward {
  title?: string | undefined;
  date?: string | undefined;
  awarder?: string | undefined;
  summary?: string | undefined;
}

export interface ResumeCertificate {
  name?: string | undefined;
  date?: string | undefined;
  url?: string | undefined;
  issuer?: string | undefined;
}

export interface ResumePublication {
  name?: string | undefined;
  publisher?: string | undefined;
  releaseDate?: string | undefined;
  url?: string | undefined;
  summary?: string | undefined;
}

export interface ResumeSkill {
  name?: string | undefined;
  level?: string | undefined;
  keywords?: string[] | undefined;
}

export interface ResumeLanguage {
  language?: string | undefined;
  fluency?: string | undefined;
}

export interface ResumeInterest {
  name?: string | undefined;
  keywords?: string[] | undefined;
}

export interface ResumeReference {
  name?: string | undefined;
  reference?: string | undefined;
}

export interface ResumeProject {
  name?: string | undefined;
  description?: string | undefined;
  highlights?: string[] | undefined;
  keywords?: string[] | undefined;
  startDate?: string | undefined;
  endDate?: string | undefined;
  url?: string | undefined;
  roles?: string[] | undefined;
  entity?: string | undefined;
  type?: string | undefined;
}

export interface ResumeMeta {
  canonical?: string | undefined;
  version?: string | undefined;
  lastModified?: string | undefined;
}

/** The extension key: where the exporter keeps what JSON Resume has no field for. */
export const EXTENSION = 'x-portfolio-bot';

export interface JsonResume {
  $schema?: string | undefined;
  basics?: ResumeBasics | undefined;
  work?: ResumeWork[] | undefined;
  volunteer?: ResumeVolunteer[] | undefined;
  education?: ResumeEducation[] | undefined;
  awards?: ResumeAward[] | undefined;
  certificates?: ResumeCertificate[] | undefined;
  publications?: ResumePublication[] | undefined;
  skills?: ResumeSkill[] | undefined;
  languages?: ResumeLanguage[] | undefined;
  interests?: ResumeInterest[] | undefined;
  references?: ResumeReference[] | undefined;
  projects?: ResumeProject[] | undefined;
  meta?: ResumeMeta | undefined;
  [EXTENSION]?: unknown;
}
