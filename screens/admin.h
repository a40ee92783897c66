/*
 * The admin's screens: users and their keys, and the item catalog
 * (materials, steps, guide), each a list with filters and a detail with its
 * actions; the forms that change them (admform.c). Every change goes
 * through the user or catalog service.
 */
#ifndef TONGBAN_ADMIN_H
#define TONGBAN_ADMIN_H

#include "ui.h"

/* Every user (admins). */
extern const struct screen screen_users;
/* One user with their keys (arg: the login). */
extern const struct screen screen_user;
/* The item catalog (everyone; edited by admins). */
extern const struct screen screen_items;
/* One item: its guide, materials and steps (arg: the code). */
extern const struct screen screen_item;
/* A form (arg): "useradd", "userset:LOGIN", "keyadd:LOGIN", "matadd:ITEM",
 * "matset:ITEM:SEQ", "stepadd:ITEM", "stepset:ITEM:SEQ". */
extern const struct screen screen_admform;

#endif
