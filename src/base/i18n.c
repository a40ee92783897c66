/*
 * Language selection. The catalogs are looked up in TONGBAN_LOCALEDIR, then
 * next to the binary's build tree (po/), then the install prefix. LANGUAGE
 * picks the catalog; the locale's character type is always UTF-8.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

static char current[3] = "zh";

static const char *
find_localedir(void)
{
	const char *env = getenv("TONGBAN_LOCALEDIR");

	if (env != NULL && *env != '\0')
		return env;
	if (access("po/locale/zh_CN/LC_MESSAGES/tongban.mo", R_OK) == 0)
		return "po/locale";
	return LOCALEDIR;
}

void
i18n_set_lang(const char *lang)
{
	static int bound;
	char dir[4096];

	if (!bound) {
		const char *d = find_localedir();

		/* Make a relative directory absolute: sessions may chdir. */
		if (d[0] != '/' && getcwd(dir, sizeof dir - 64) != NULL) {
			strncat(dir, "/", sizeof dir - strlen(dir) - 1);
			strncat(dir, d, sizeof dir - strlen(dir) - 1);
			d = dir;
		}
		bindtextdomain("tongban", d);
		bind_textdomain_codeset("tongban", "UTF-8");
		textdomain("tongban");
		bound = 1;
	}
	if (lang != NULL && strcmp(lang, "en") == 0) {
		memcpy(current, "en", 3);
		setenv("LANGUAGE", "en", 1);
	} else {
		memcpy(current, "zh", 3);
		setenv("LANGUAGE", "zh_CN", 1);
	}
	/* C.UTF-8 is built into glibc 2.35+; LANGUAGE works with any non-C locale. */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");
	/* gettext caches translations per language; changing LANGUAGE needs this. */
	textdomain("tongban");
}

const char *
i18n_lang(void)
{
	return current;
}
