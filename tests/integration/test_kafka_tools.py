"""The Kafka command-line tools and the local broker (issue 2, section 5) on a real broker."""
from __future__ import annotations

from streams import kafkaio


def test_topics_are_created_once_with_the_job_partition_count(kafka_settings):
    first = kafkaio.create_topics(kafka_settings)
    assert sorted(first) == sorted(plan.name for plan in kafkaio.topic_plan(kafka_settings))
    assert kafkaio.create_topics(kafka_settings) == []
