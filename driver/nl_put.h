/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ophoton: attributes of a record written straight into its message.
 *
 * A dump of a million lanes spends most of its time in nla_put(): each of
 * a record's fifteen attributes checks the tailroom, reserves and zeroes
 * its padding apart.  A record whose size is known before it is written
 * checks the room once (ophoton_put_begin()), stores each header and value
 * in place and moves the tail once (ophoton_put_end()).  The bytes are
 * nla_put()'s to the letter: the same headers, padding zeroed, a u64
 * aligned by a pad attribute where the architecture needs it
 * (nla_need_padding_for_64bit()), NLA_F_NESTED on a nest.
 */
#ifndef _OPHOTON_NL_PUT_H
#define _OPHOTON_NL_PUT_H

#include <net/netlink.h>

/**
 * struct ophoton_put - a record being written at the tail of a message
 * @skb: the message
 * @p: where the next attribute goes, within the room checked
 * @end: the end of the room checked
 */
struct ophoton_put {
	struct sk_buff *skb;
	u8 *p;
	u8 *end;
};

/* Room a u64 attribute may take, with its alignment pad. */
#ifdef CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS
#define OPHOTON_PUT_U64_ROOM	nla_total_size(sizeof(u64))
#else
#define OPHOTON_PUT_U64_ROOM	(nla_total_size(sizeof(u64)) + NLA_HDRLEN)
#endif
#define OPHOTON_PUT_U32_ROOM	nla_total_size(sizeof(u32))
#define OPHOTON_PUT_U8_ROOM	nla_total_size(sizeof(u8))

/* Start a record of at most @room bytes; -EMSGSIZE, untouched, if it does not fit. */
static inline int ophoton_put_begin(struct ophoton_put *w, struct sk_buff *skb,
				    unsigned int room)
{
	if (unlikely(skb_tailroom(skb) < room))
		return -EMSGSIZE;
	w->skb = skb;
	w->p = skb_tail_pointer(skb);
	w->end = w->p + room;
	return 0;
}

/*
 * The record is written: the message takes its bytes.  A record larger
 * than the room its caller asked for wrote past what was checked: a bug
 * in the caller's sum of sizes, which the wire kselftest's records and
 * the debug kernel's runs would show here first.
 */
static inline void ophoton_put_end(struct ophoton_put *w)
{
	WARN_ON_ONCE(w->p > w->end);
	skb_put(w->skb, w->p - skb_tail_pointer(w->skb));
}

static inline struct nlattr *ophoton_put_hdr(struct ophoton_put *w, u16 type, u16 len)
{
	struct nlattr *a = (struct nlattr *)w->p;

	a->nla_len = NLA_HDRLEN + len;
	a->nla_type = type;
	w->p += nla_total_size(len);
	return a;
}

static inline void ophoton_put_u32(struct ophoton_put *w, u16 type, u32 v)
{
	memcpy(nla_data(ophoton_put_hdr(w, type, sizeof(v))), &v, sizeof(v));
}

static inline void ophoton_put_s32(struct ophoton_put *w, u16 type, s32 v)
{
	ophoton_put_u32(w, type, (u32)v);
}

static inline void ophoton_put_u8(struct ophoton_put *w, u16 type, u8 v)
{
	u32 word = 0;

	/* The value, then three bytes of padding, zeroed as nla_put() does. */
	memcpy(&word, &v, sizeof(v));
	memcpy(nla_data(ophoton_put_hdr(w, type, sizeof(v))), &word, sizeof(word));
}

static inline void ophoton_put_u64(struct ophoton_put *w, u16 type, u64 v, u16 pad)
{
#ifndef CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS
	/* As nla_align_64bit(): the value 8-aligned, after an empty pad. */
	if (IS_ALIGNED((unsigned long)w->p, 8))
		ophoton_put_hdr(w, pad, 0);
#endif
	memcpy(nla_data(ophoton_put_hdr(w, type, sizeof(v))), &v, sizeof(v));
}

/* Open a nest; ophoton_put_nest_end() gives it the length of what it holds. */
static inline struct nlattr *ophoton_put_nest(struct ophoton_put *w, u16 type)
{
	return ophoton_put_hdr(w, type | NLA_F_NESTED, 0);
}

static inline void ophoton_put_nest_end(struct ophoton_put *w, struct nlattr *nest)
{
	nest->nla_len = w->p - (u8 *)nest;
}

#endif /* _OPHOTON_NL_PUT_H */
