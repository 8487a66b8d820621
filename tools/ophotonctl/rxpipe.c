// SPDX-License-Identifier: GPL-2.0
/*
 * ophotonctl: a dump's datagrams, read ahead by a thread of their own
 * (rxpipe.h says why).  One reader, one consumer, a ring of
 * RX_PIPE_DEPTH datagrams under a mutex; each side waits on the
 * condition when the ring is full or empty.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>
#include <linux/netlink.h>
#include <netlink/errno.h>

#include "rxpipe.h"

struct rx_item {
	unsigned char *buf;
	int n;
};

struct rx_pipe {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;		/* an item was put or taken */
	struct rx_item ring[RX_PIPE_DEPTH];
	unsigned int head, tail;	/* taken, put: tail - head are waiting */
	bool finished;			/* the reader put its last item */
	struct nl_sock *sk;
	uint32_t seq;
	rx_recv_fn recv;
};

/* Whether a datagram ends the request: its DONE or ERROR (the ACK too). */
static bool ends_request(const unsigned char *buf, int n, uint32_t seq)
{
	const struct nlmsghdr *nlh;

	for (nlh = (const struct nlmsghdr *)buf; NLMSG_OK(nlh, n); nlh = NLMSG_NEXT(nlh, n))
		if (nlh->nlmsg_seq == seq &&
		    (nlh->nlmsg_type == NLMSG_DONE || nlh->nlmsg_type == NLMSG_ERROR))
			return true;
	return false;
}

static void unlock(void *lock)
{
	pthread_mutex_unlock(lock);
}

/* Put a datagram in the ring, waiting for room. */
static void put(struct rx_pipe *p, unsigned char *buf, int n, bool last)
{
	pthread_mutex_lock(&p->lock);
	/* Cancelled while waiting, the reader leaves the lock as it found it. */
	pthread_cleanup_push(unlock, &p->lock);
	while (p->tail - p->head == RX_PIPE_DEPTH)
		pthread_cond_wait(&p->cond, &p->lock);
	pthread_cleanup_pop(0);
	p->ring[p->tail % RX_PIPE_DEPTH] = (struct rx_item){ buf, n };
	p->tail++;
	p->finished = last;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
}

static void *reader(void *arg)
{
	struct rx_pipe *p = arg;
	bool last;

	do {
		unsigned char *buf = NULL;
		int n = p->recv(p->sk, &buf);

		/* A failed read ends it too: the consumer reports it and stops. */
		last = n < 0 || (n > 0 && ends_request(buf, n, p->seq));
		put(p, buf, n, last);
	} while (!last);
	return NULL;
}

struct rx_pipe *rx_pipe_start(struct nl_sock *sk, uint32_t seq, rx_recv_fn recv)
{
	struct rx_pipe *p;

	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		return NULL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->sk = sk;
	p->seq = seq;
	p->recv = recv;
	if (pthread_mutex_init(&p->lock, NULL))
		goto err_free;
	if (pthread_cond_init(&p->cond, NULL))
		goto err_mutex;
	if (pthread_create(&p->thread, NULL, reader, p))
		goto err_cond;
	return p;

err_cond:
	pthread_cond_destroy(&p->cond);
err_mutex:
	pthread_mutex_destroy(&p->lock);
err_free:
	free(p);
	return NULL;
}

int rx_pipe_next(struct rx_pipe *p, unsigned char **buf)
{
	struct rx_item it;

	pthread_mutex_lock(&p->lock);
	while (p->tail == p->head) {
		if (p->finished) {
			/* Asked past the end: nothing more will come. */
			pthread_mutex_unlock(&p->lock);
			*buf = NULL;
			return -NLE_FAILURE;
		}
		pthread_cond_wait(&p->cond, &p->lock);
	}
	it = p->ring[p->head % RX_PIPE_DEPTH];
	p->head++;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	*buf = it.buf;
	return it.n;
}

void rx_pipe_stop(struct rx_pipe *p)
{
	bool finished;

	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	finished = p->finished;
	pthread_mutex_unlock(&p->lock);
	/*
	 * The consumer stops where the reader does, at the request's end or a
	 * failed read.  Should it stop sooner, the reader may wait in a read
	 * that never returns or on a full ring: it is cancelled, not waited for.
	 */
	if (!finished)
		pthread_cancel(p->thread);
	pthread_join(p->thread, NULL);
	while (p->head != p->tail)
		free(p->ring[p->head++ % RX_PIPE_DEPTH].buf);
	pthread_cond_destroy(&p->cond);
	pthread_mutex_destroy(&p->lock);
	free(p);
}
