/*
 * Translations through gettext. Message ids are English; the zh_CN catalog
 * translates them, and Simplified Chinese is the default language.
 */
#ifndef TONGBAN_I18N_H
#define TONGBAN_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Set the process's language: "zh" (default) or "en". */
void i18n_set_lang(const char *lang);
/* The current language: "zh" or "en". */
const char *i18n_lang(void);

#endif
