def save_as(instance, acting_user, **kwargs):
    """Save, naming the acting person in the history row the save writes."""
    instance._history_user = acting_user
    instance.save(**kwargs)
    return instance


def delete_as(instance, acting_user):
    """Delete, naming the acting person in the history row the deletion writes."""
    instance._history_user = acting_user
    instance.delete()
