/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/*
 * ophoton: generic netlink protocol of the virtual co-packaged-optics fabric.
 *
 * Family name OPHOTON_GENL_NAME, protocol version OPHOTON_GENL_VERSION (the
 * "version" field of the family and of every message).  The same family is
 * described for tools in Documentation/netlink/specs/ophoton.yaml; a test
 * checks that this header, the kernel's policies and the spec agree.
 *
 * Conventions:
 *  - every request is validated strictly against a per-command policy; an
 *    unknown or malformed attribute is refused with an extended ACK naming
 *    the attribute;
 *  - 64-bit values are u64 attributes aligned with OPHOTON_A_PAD;
 *  - units are part of attribute names (_UW microwatt, _MC millidegree
 *    Celsius, _UA microampere, _MV millivolt).
 */
#ifndef _UAPI_LINUX_OPHOTON_H
#define _UAPI_LINUX_OPHOTON_H

#define OPHOTON_GENL_NAME	"ophoton"
#define OPHOTON_GENL_VERSION	1

/**
 * enum ophoton_cmd - commands of the ophoton family
 * @OPHOTON_CMD_UNSPEC: unused
 * @OPHOTON_CMD_VERSION_GET: do: report the module's version
 *	(%OPHOTON_A_VERSION_MODULE) and the protocol version it speaks
 *	(%OPHOTON_A_VERSION_PROTO).  Takes no attributes; open to every user.
 * @__OPHOTON_CMD_MAX: number of commands
 * @OPHOTON_CMD_MAX: highest command
 */
enum ophoton_cmd {
	OPHOTON_CMD_UNSPEC,
	OPHOTON_CMD_VERSION_GET,

	/* add new commands above here */
	__OPHOTON_CMD_MAX,
	OPHOTON_CMD_MAX = __OPHOTON_CMD_MAX - 1
};

/**
 * enum ophoton_attr - attributes of the ophoton family
 * @OPHOTON_A_UNSPEC: unused
 * @OPHOTON_A_PAD: padding for 64-bit attributes
 * @OPHOTON_A_VERSION_MODULE: string, version of the loaded ophoton module
 * @OPHOTON_A_VERSION_PROTO: u32, protocol version (OPHOTON_GENL_VERSION)
 * @__OPHOTON_A_MAX: number of attributes
 * @OPHOTON_A_MAX: highest attribute
 */
enum ophoton_attr {
	OPHOTON_A_UNSPEC,
	OPHOTON_A_PAD,
	OPHOTON_A_VERSION_MODULE,
	OPHOTON_A_VERSION_PROTO,

	/* add new attributes above here, and to ophoton.yaml */
	__OPHOTON_A_MAX,
	OPHOTON_A_MAX = __OPHOTON_A_MAX - 1
};

#endif /* _UAPI_LINUX_OPHOTON_H */
