// SPDX-License-Identifier: GPL-2.0
/* The console buffers between a guest's UART and its VM fd. */
#include <linux/irq_work.h>
#include <linux/kfifo.h>

#include "vm.h"

static void console_wake(struct irq_work *work)
{
	struct rtvmx_console *con = container_of(work, struct rtvmx_console, wake);

	wake_up_interruptible(&con->wq);
}

void rtvmx_console_init(struct rtvmx_console *con)
{
	INIT_KFIFO(con->out);
	INIT_KFIFO(con->in);
	mutex_init(&con->read_lock);
	mutex_init(&con->write_lock);
	init_waitqueue_head(&con->wq);
	init_irq_work(&con->wake, console_wake);
}

void rtvmx_console_exit(struct rtvmx_console *con)
{
	irq_work_sync(&con->wake);
}

/* Wake readers only if there are any (wq_has_sleeper() orders against their check). */
static void console_kick(struct rtvmx_console *con)
{
	if (wq_has_sleeper(&con->wq))
		irq_work_queue(&con->wake);
}

/*
 * Readers are woken per line or half buffer, not per byte, to keep the cost
 * of an OUT to the UART low; rtvmx_console_flush() bounds the delay of the rest.
 */
void rtvmx_console_put(struct rtvmx_console *con, u8 c)
{
	if (!kfifo_put(&con->out, c))
		con->dropped++;
	if (c == '\n' || kfifo_len(&con->out) >= CONSOLE_OUT_SIZE / 2)
		console_kick(con);
}

void rtvmx_console_flush(struct rtvmx_console *con)
{
	if (!kfifo_is_empty(&con->out))
		console_kick(con);
}

/* Writers waiting for room (POLLOUT) are woken once the guest has taken all input. */
bool rtvmx_console_get(struct rtvmx_console *con, u8 *c)
{
	if (!kfifo_get(&con->in, c))
		return false;
	if (kfifo_is_empty(&con->in))
		console_kick(con);
	return true;
}
