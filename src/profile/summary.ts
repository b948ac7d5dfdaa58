import type { Profile } from './schema.js';

/** Counts per section, e.g. for `validate` and the start-up log. */
export function countSections(profile: Profile): Record<string, number> {
  const skills = Object.values(profile.skills).reduce((sum, list) => sum + list.length, 0);
  return {
    about: profile.about.length,
    education: profile.education.length,
    experience: profile.experience.length,
    research: profile.research.length,
    learning: profile.learning.length,
    blogs: profile.blogs.length,
    projects: profile.projects.length,
    skills,
    contact: profile.identity.links.length,
  };
}
