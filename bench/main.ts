import { normalizeArabic } from '@inbox/core';
console.log(normalizeArabic('مساعدة'));
