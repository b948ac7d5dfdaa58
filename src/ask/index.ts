// Plain questions → answers from the profile: rules plus the search index, no language model.
export { answerQuestion } from './answer.js';
export { interpretQuestion, type Intent, type SkillQuery } from './interpret.js';
export { KIND_SECTION, RULES, type IntentKind, type Rule } from './rules.js';
export { findSkills, type SkillMatch } from './skills.js';
