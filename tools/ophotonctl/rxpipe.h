/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ophotonctl: a dump's datagrams, read ahead by a thread of their own.
 *
 * The kernel builds a dump's next message in the recvmsg() of whoever
 * reads the socket.  Read in the thread that prints, building and printing
 * take turns; read ahead by a second thread, the kernel fills the next
 * datagrams on one CPU while this one prints the last on another.  The
 * reader stops after the datagram that ends the request (its NLMSG_DONE or
 * NLMSG_ERROR) or at the first failed read, and holds at most RX_PIPE_DEPTH
 * datagrams, so a listing of a million records takes no more memory.
 */
#ifndef OPHOTONCTL_RXPIPE_H
#define OPHOTONCTL_RXPIPE_H

#include <stdint.h>
#include <netlink/netlink.h>

#define RX_PIPE_DEPTH	8

/* How a datagram is read: nl_recv(), or the host tests' fake kernel. */
typedef int (*rx_recv_fn)(struct nl_sock *sk, unsigned char **buf);

struct rx_pipe;

/*
 * Start reading @sk for the replies of the request of sequence @seq.
 * NULL when it is not worth a thread (one CPU) or none could be had: the
 * caller then reads the socket itself.
 */
struct rx_pipe *rx_pipe_start(struct nl_sock *sk, uint32_t seq, rx_recv_fn recv);
/*
 * The next datagram, in the order read: its length, or what reading it
 * returned (0 or a negative libnl error), and *@buf, the caller's to free;
 * -NLE_FAILURE when asked for more after the last.
 */
int rx_pipe_next(struct rx_pipe *p, unsigned char **buf);
/* Wait for the reader to be done, drop what it read beyond, and free. */
void rx_pipe_stop(struct rx_pipe *p);

#endif /* OPHOTONCTL_RXPIPE_H */
