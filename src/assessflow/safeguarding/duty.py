"""The s.42(1) duty to make enquiries: a pure function of the three questions the Care Act asks."""


def s42_duty_applies(*, has_care_needs: bool, abuse_or_risk: bool, unable_to_protect: bool) -> bool:
    """Care Act s.42(1): the duty to make enquiries arises where the council has reasonable cause to suspect all
    three parts; each argument is the answer to whether there is reasonable cause to suspect that part."""
    return has_care_needs and abuse_or_risk and unable_to_protect
