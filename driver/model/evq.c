// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton model: the event queue, a four-ary min-heap on (time, seq).
 *
 * Each object has at most one pending event, whose sequence number it keeps
 * in its ev_seq; rescheduling an object just adds a new entry and makes the
 * old one stale, and stale entries are skipped when popped.  The heap never
 * grows: when it is full, stale entries are dropped, and since at most one
 * entry per object is live, a heap a quarter larger than the number of
 * objects always has room after that.  Ties in time are broken by
 * sequence number, so the order of events, like everything else, is
 * deterministic.
 *
 * Four children a node, not two: a bring-up of two million links keeps
 * millions of entries queued, and a pop then walks half as many levels,
 * each reading four neighbouring entries that share cache lines.
 */
#define EVQ_ARITY	4

#include "internal.h"

/**
 * oph_evq_init() - allocate an event queue
 * @q: queue
 * @cap: entries; at least twice the objects that can have events
 *
 * Return: 0 or -ENOMEM.
 */
int oph_evq_init(struct oph_evq *q, u32 cap)
{
	q->heap = oph_calloc(cap, sizeof(*q->heap));
	if (!q->heap)
		return -ENOMEM;
	q->cap = cap;
	q->len = 0;
	q->seq = 0;
	return 0;
}

/**
 * oph_evq_free() - free an event queue
 * @q: queue
 */
void oph_evq_free(struct oph_evq *q)
{
	oph_cfree(q->heap);
	q->heap = NULL;
}

static bool ev_before(const struct oph_ev *a, const struct oph_ev *b)
{
	if (a->time != b->time)
		return a->time < b->time;
	/* seq wraps after 2^32 events; compare as a window, like jiffies. */
	return (s32)(a->seq - b->seq) < 0;
}

static void sift_up(struct oph_evq *q, u32 i)
{
	struct oph_ev ev = q->heap[i];

	while (i) {
		u32 parent = (i - 1) / EVQ_ARITY;

		if (!ev_before(&ev, &q->heap[parent]))
			break;
		q->heap[i] = q->heap[parent];
		i = parent;
	}
	q->heap[i] = ev;
}

static void sift_down(struct oph_evq *q, u32 i)
{
	struct oph_ev ev = q->heap[i];

	for (;;) {
		u32 first = EVQ_ARITY * i + 1, end, c, k;

		if (first >= q->len)
			break;
		end = min(first + EVQ_ARITY, q->len);
		c = first;
		for (k = first + 1; k < end; k++)
			if (ev_before(&q->heap[k], &q->heap[c]))
				c = k;
		if (!ev_before(&q->heap[c], &ev))
			break;
		q->heap[i] = q->heap[c];
		i = c;
	}
	q->heap[i] = ev;
}

static u32 *ev_owner_seq(struct oph_fabric *f, u32 obj)
{
	u32 id = obj & OPH_EV_ID_MASK;

	switch (obj >> OPH_EV_KIND_SHIFT) {
	case OPH_EV_LINK:
		return &f->links[id].ev_seq;
	case OPH_EV_MOD_EP:
		return &f->slots[OPH_SIDE_EP][id].ev_seq;
	case OPH_EV_MOD_SW:
		return &f->slots[OPH_SIDE_SW][id].ev_seq;
	case OPH_EV_ENG_EP:
		return &f->engines[OPH_SIDE_EP][id].ev_seq;
	default:
		return &f->engines[OPH_SIDE_SW][id].ev_seq;
	}
}

static bool ev_live(struct oph_fabric *f, const struct oph_ev *ev)
{
	return *ev_owner_seq(f, ev->obj) == ev->seq;
}

/* Drop stale entries and rebuild the heap. */
static void compact(struct oph_fabric *f)
{
	struct oph_evq *q = &f->evq;
	u32 i, n = 0;

	for (i = 0; i < q->len; i++)
		if (ev_live(f, &q->heap[i]))
			q->heap[n++] = q->heap[i];
	q->len = n;
	for (i = n / EVQ_ARITY + 1; i-- > 0;)
		sift_down(q, i);
}

/**
 * oph_evq_add() - schedule the one pending event of an object
 * @f: fabric
 * @time: virtual time
 * @kind: enum oph_ev_kind
 * @id: object id
 *
 * Any earlier pending event of the object becomes stale.
 *
 * Return: the event's sequence number, stored in the object.
 */
u32 oph_evq_add(struct oph_fabric *f, u64 time, u32 kind, u32 id)
{
	struct oph_evq *q = &f->evq;
	u32 obj = kind << OPH_EV_KIND_SHIFT | id;
	u32 *owner = ev_owner_seq(f, obj);

	*owner = 0;	/* the old entry is stale from here on */
	if (q->len == q->cap)
		compact(f);
	if (++q->seq == 0)
		q->seq = 1;
	q->heap[q->len].time = time;
	q->heap[q->len].seq = q->seq;
	q->heap[q->len].obj = obj;
	sift_up(q, q->len++);
	*owner = q->seq;
	return q->seq;
}

/**
 * oph_evq_peek() - the earliest entry, live or stale
 * @q: queue
 *
 * Return: the entry or NULL when empty.
 */
const struct oph_ev *oph_evq_peek(const struct oph_evq *q)
{
	return q->len ? &q->heap[0] : NULL;
}

/**
 * oph_evq_pop() - remove the earliest entry
 * @q: queue
 * @ev: the entry removed
 *
 * Return: false when the queue was empty.
 */
bool oph_evq_pop(struct oph_evq *q, struct oph_ev *ev)
{
	if (!q->len)
		return false;
	*ev = q->heap[0];
	q->heap[0] = q->heap[--q->len];
	if (q->len)
		sift_down(q, 0);
	return true;
}
