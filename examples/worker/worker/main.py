"""Fulfilment worker for the shop sample.

Consumes order events from RabbitMQ, looks the ordered items up in the catalogue and asks the
notification service to tell the customer. Messages are acknowledged by hand, after the work is
done, so a crash re-delivers them.
"""

import json
import logging
import os

import pika
import requests

log = logging.getLogger("worker")

QUEUE = "order-events"


def lookup_items(skus):
    resp = requests.get(os.environ["CATALOG_URL"] + "/items", params={"sku": ",".join(skus)})
    resp.raise_for_status()
    return {item["sku"]: item for item in resp.json()["items"]}


def notify(customer_id, message):
    resp = requests.post(
        os.environ["NOTIFICATIONS_URL"] + "/notify",
        json={"customer": customer_id, "message": message},
        timeout=5,
    )
    resp.raise_for_status()


def on_message(channel, method, properties, body):
    try:
        event = json.loads(body)
        items = lookup_items([line["sku"] for line in event["lines"]])
        names = ", ".join(items[line["sku"]]["name"] for line in event["lines"] if line["sku"] in items)
        notify(event["customerId"], f"Your order {event['orderId']} ({names}) is on its way")
    except (requests.RequestException, KeyError, ValueError) as exc:
        log.warning("dropping order event %s: %s", properties.message_id, exc)
        channel.basic_nack(delivery_tag=method.delivery_tag, requeue=False)
        return
    channel.basic_ack(delivery_tag=method.delivery_tag)


def main():
    logging.basicConfig(level=logging.INFO)
    connection = pika.BlockingConnection(pika.URLParameters(os.getenv("AMQP_URL")))
    channel = connection.channel()
    channel.queue_declare(queue=QUEUE, durable=True)
    channel.basic_qos(prefetch_count=10)
    channel.basic_consume(queue=QUEUE, on_message_callback=on_message, auto_ack=False)
    log.info("waiting for order events on %s", QUEUE)
    try:
        channel.start_consuming()
    except KeyboardInterrupt:
        channel.stop_consuming()
    finally:
        connection.close()


if __name__ == "__main__":
    main()
