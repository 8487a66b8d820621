/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ophoton: tracepoints, one per kind of state change of the model, for
 * trace-cmd and perf:  trace-cmd record -e ophoton
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM ophoton

#if !defined(_OPHOTON_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _OPHOTON_TRACE_H

#include <linux/tracepoint.h>

/*
 * Values by the spec's names (trace_names.h): "state=up->down
 * reason=admin", as ophotonctl and the notifications name them.
 */
#include "trace_names.h"

TRACE_EVENT(ophoton_link,
	    TP_PROTO(u32 fabric, u32 link, u8 old, u8 new, u8 reason, u64 seq,
		     u64 time_ns),
	    TP_ARGS(fabric, link, old, new, reason, seq, time_ns),
	    TP_STRUCT__entry(__field(u32, fabric)
			     __field(u32, link)
			     __field(u8, old)
			     __field(u8, new)
			     __field(u8, reason)
			     __field(u64, seq)
			     __field(u64, time_ns)),
	    TP_fast_assign(__entry->fabric = fabric;
			   __entry->link = link;
			   __entry->old = old;
			   __entry->new = new;
			   __entry->reason = reason;
			   __entry->seq = seq;
			   __entry->time_ns = time_ns;),
	    TP_printk("fabric=%u link=%u state=%s->%s reason=%s seq=%llu vtime=%llu",
		      __entry->fabric, __entry->link,
		      ophoton_trace_link_state(__entry->old),
		      ophoton_trace_link_state(__entry->new),
		      ophoton_trace_down_reason(__entry->reason),
		      __entry->seq, __entry->time_ns)
);

/*
 * A laser module slot: its state and its operator's intent (admin), each
 * as it was at the slot's previous change and as it is now; an admin
 * change alone shows as state=ready->ready admin=provisioning->active.
 */
TRACE_EVENT(ophoton_module,
	    TP_PROTO(u32 fabric, u8 side, u32 module, u8 old, u8 new, u8 admin_old,
		     u8 admin, u64 seq, u64 time_ns),
	    TP_ARGS(fabric, side, module, old, new, admin_old, admin, seq, time_ns),
	    TP_STRUCT__entry(__field(u32, fabric)
			     __field(u8, side)
			     __field(u32, module)
			     __field(u8, old)
			     __field(u8, new)
			     __field(u8, admin_old)
			     __field(u8, admin)
			     __field(u64, seq)
			     __field(u64, time_ns)),
	    TP_fast_assign(__entry->fabric = fabric;
			   __entry->side = side;
			   __entry->module = module;
			   __entry->old = old;
			   __entry->new = new;
			   __entry->admin_old = admin_old;
			   __entry->admin = admin;
			   __entry->seq = seq;
			   __entry->time_ns = time_ns;),
	    TP_printk("fabric=%u side=%s module=%u state=%s->%s admin=%s->%s seq=%llu vtime=%llu",
		      __entry->fabric, ophoton_trace_side(__entry->side),
		      __entry->module,
		      ophoton_trace_module_state(__entry->old),
		      ophoton_trace_module_state(__entry->new),
		      ophoton_trace_module_admin(__entry->admin_old),
		      ophoton_trace_module_admin(__entry->admin),
		      __entry->seq, __entry->time_ns)
);

TRACE_EVENT(ophoton_health,
	    TP_PROTO(u32 fabric, u8 domain, u8 side, u32 id, bool quarantined, u64 seq),
	    TP_ARGS(fabric, domain, side, id, quarantined, seq),
	    TP_STRUCT__entry(__field(u32, fabric)
			     __field(u8, domain)
			     __field(u8, side)
			     __field(u32, id)
			     __field(bool, quarantined)
			     __field(u64, seq)),
	    TP_fast_assign(__entry->fabric = fabric;
			   __entry->domain = domain;
			   __entry->side = side;
			   __entry->id = id;
			   __entry->quarantined = quarantined;
			   __entry->seq = seq;),
	    TP_printk("fabric=%u %s side=%s id=%u quarantined=%d seq=%llu",
		      __entry->fabric,
		      ophoton_trace_health_domain(__entry->domain),
		      ophoton_trace_side(__entry->side), __entry->id,
		      __entry->quarantined, __entry->seq)
);

#endif /* _OPHOTON_TRACE_H */

/* This part must be outside the include guard. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
