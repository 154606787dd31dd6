"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-23
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=True),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('changes', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_case_id'), ['case_id'], unique=False)

    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('given_name', sa.String(length=120), nullable=False),
    sa.Column('family_name', sa.String(length=120), nullable=False),
    sa.Column('known_as', sa.String(length=120), nullable=False),
    sa.Column('gender', sa.String(length=32), nullable=False),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('deceased', sa.Boolean(), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('address_confidential', sa.Boolean(), nullable=False),
    sa.Column('preferred_language', sa.String(length=16), nullable=False),
    sa.Column('interpreter_needed', sa.Boolean(), nullable=False),
    sa.Column('access_needs', sa.Text(), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['merged_into_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_family_name'), ['family_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_uid'), ['uid'], unique=True)

    op.create_table('staff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('job_title', sa.String(length=120), nullable=False),
    sa.Column('team', sa.String(length=120), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('qualification', sa.String(length=32), nullable=False),
    sa.Column('employer', sa.String(length=32), nullable=False),
    sa.Column('manager_id', sa.Integer(), nullable=True),
    sa.Column('started_on', sa.Date(), nullable=True),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['manager_id'], ['staff.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_username'), ['username'], unique=True)

    op.create_table('venue',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('access_notes', sa.Text(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('fgdm_case',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('reference', sa.String(length=40), nullable=False),
    sa.Column('family_name', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('closure_reason', sa.String(length=32), nullable=True),
    sa.Column('closure_note', sa.Text(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('status_changed_on', sa.Date(), nullable=True),
    sa.Column('referral_date', sa.Date(), nullable=False),
    sa.Column('referral_reason', sa.Text(), nullable=False),
    sa.Column('desired_outcome', sa.Text(), nullable=False),
    sa.Column('referrer_id', sa.Integer(), nullable=True),
    sa.Column('coordinator_id', sa.Integer(), nullable=True),
    sa.Column('consent_to_refer_by', sa.String(length=200), nullable=False),
    sa.Column('consent_to_refer_on', sa.Date(), nullable=True),
    sa.Column('consent_to_share_by', sa.String(length=200), nullable=False),
    sa.Column('consent_to_share_on', sa.Date(), nullable=True),
    sa.Column('network_contact_consent_by', sa.String(length=200), nullable=False),
    sa.Column('network_contact_consent_on', sa.Date(), nullable=True),
    sa.Column('lbp_date', sa.Date(), nullable=True),
    sa.Column('care_application_date', sa.Date(), nullable=True),
    sa.Column('bottom_lines', sa.Text(), nullable=False),
    sa.Column('questions_for_family', sa.Text(), nullable=False),
    sa.Column('resources_on_offer', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=False),
    sa.Column('interpreter_needed', sa.Boolean(), nullable=False),
    sa.Column('cultural_needs', sa.Text(), nullable=False),
    sa.Column('access_needs', sa.Text(), nullable=False),
    sa.Column('erased_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['coordinator_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['referrer_id'], ['staff.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('fgdm_case', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fgdm_case_coordinator_id'), ['coordinator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fgdm_case_family_name'), ['family_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_fgdm_case_lbp_date'), ['lbp_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_fgdm_case_reference'), ['reference'], unique=True)
        batch_op.create_index(batch_op.f('ix_fgdm_case_referral_date'), ['referral_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_fgdm_case_referrer_id'), ['referrer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fgdm_case_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_fgdm_case_uid'), ['uid'], unique=True)

    op.create_table('relationship',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('from_person_id', sa.Integer(), nullable=False),
    sa.Column('to_person_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('quality', sa.String(length=32), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['from_person_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['to_person_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('from_person_id', 'to_person_id', 'kind')
    )
    with op.batch_alter_table('relationship', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_relationship_from_person_id'), ['from_person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_relationship_to_person_id'), ['to_person_id'], unique=False)

    op.create_table('agency',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('tie', sa.String(length=32), nullable=False),
    sa.Column('contact', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['fgdm_case.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('agency', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agency_case_id'), ['case_id'], unique=False)

    op.create_table('case_child',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('legal_status', sa.String(length=32), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['fgdm_case.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('case_id', 'person_id')
    )
    with op.batch_alter_table('case_child', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_child_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_child_person_id'), ['person_id'], unique=False)

    op.create_table('case_share',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['fgdm_case.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('case_share', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_share_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_share_staff_id'), ['staff_id'], unique=False)

    op.create_table('letter_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('template_name', sa.String(length=200), nullable=False),
    sa.Column('template_version', sa.String(length=64), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=False),
    sa.Column('generated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('generated_by', sa.String(length=64), nullable=False),
    sa.Column('filename', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['fgdm_case.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('letter_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_letter_record_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_letter_record_person_id'), ['person_id'], unique=False)

    op.create_table('meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('coordinator_id', sa.Integer(), nullable=True),
    sa.Column('venue_id', sa.Integer(), nullable=True),
    sa.Column('location_note', sa.String(length=200), nullable=False),
    sa.Column('interpreter_languages', sa.String(length=120), nullable=False),
    sa.Column('interpreter_booked', sa.Boolean(), nullable=False),
    sa.Column('advocate_name', sa.String(length=200), nullable=False),
    sa.Column('private_family_time', sa.Boolean(), nullable=False),
    sa.Column('status_reason', sa.Text(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=True),
    sa.Column('linked_meeting_id', sa.Integer(), nullable=True),
    sa.Column('ical_uid', sa.String(length=120), nullable=False),
    sa.Column('ical_sequence', sa.Integer(), nullable=False),
    sa.Column('invitations_sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['fgdm_case.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['coordinator_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['linked_meeting_id'], ['meeting.id'], ),
    sa.ForeignKeyConstraint(['venue_id'], ['venue.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('ical_uid')
    )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_coordinator_id'), ['coordinator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_starts_at'), ['starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_status'), ['status'], unique=False)

    op.create_table('network_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('relationship_to_child', sa.String(length=120), nullable=False),
    sa.Column('side', sa.String(length=32), nullable=False),
    sa.Column('household', sa.String(length=80), nullable=False),
    sa.Column('is_parent', sa.Boolean(), nullable=False),
    sa.Column('parental_responsibility', sa.Boolean(), nullable=False),
    sa.Column('contact_status', sa.String(length=32), nullable=False),
    sa.Column('status_changed_on', sa.Date(), nullable=True),
    sa.Column('excluded_reason', sa.Text(), nullable=False),
    sa.Column('excluded_by', sa.String(length=200), nullable=False),
    sa.Column('consent_override_reason', sa.Text(), nullable=False),
    sa.Column('not_to_be_told', sa.Boolean(), nullable=False),
    sa.Column('attends_separately', sa.Boolean(), nullable=False),
    sa.Column('tie', sa.String(length=32), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['fgdm_case.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('case_id', 'person_id')
    )
    with op.batch_alter_table('network_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_network_member_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_network_member_person_id'), ['person_id'], unique=False)

    op.create_table('best_interests_exception',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('case_child_id', sa.Integer(), nullable=True),
    sa.Column('scope', sa.String(length=32), nullable=False),
    sa.Column('decided_by', sa.String(length=200), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['case_child_id'], ['case_child.id'], ),
    sa.ForeignKeyConstraint(['case_id'], ['fgdm_case.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('best_interests_exception', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_best_interests_exception_case_id'), ['case_id'], unique=False)

    op.create_table('child_outcome',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('case_child_id', sa.Integer(), nullable=False),
    sa.Column('months_after', sa.Integer(), nullable=False),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.Column('living', sa.String(length=32), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['case_child_id'], ['case_child.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('case_child_id', 'months_after')
    )
    with op.batch_alter_table('child_outcome', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_child_outcome_case_child_id'), ['case_child_id'], unique=False)

    op.create_table('family_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('version_no', sa.Integer(), nullable=False),
    sa.Column('based_on_id', sa.Integer(), nullable=True),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('plan_lead_member_id', sa.Integer(), nullable=True),
    sa.Column('bottom_lines', sa.Text(), nullable=False),
    sa.Column('child_views', sa.Text(), nullable=False),
    sa.Column('contingency', sa.Text(), nullable=False),
    sa.Column('review_date', sa.Date(), nullable=True),
    sa.Column('decision_by', sa.String(length=200), nullable=False),
    sa.Column('decision_on', sa.Date(), nullable=True),
    sa.Column('not_agreed_reason', sa.String(length=32), nullable=True),
    sa.Column('not_agreed_detail', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['based_on_id'], ['family_plan.id'], ),
    sa.ForeignKeyConstraint(['case_id'], ['fgdm_case.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ),
    sa.ForeignKeyConstraint(['plan_lead_member_id'], ['network_member.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('case_id', 'version_no')
    )
    with op.batch_alter_table('family_plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_family_plan_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_family_plan_decision_on'), ['decision_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_family_plan_review_date'), ['review_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_family_plan_status'), ['status'], unique=False)

    op.create_table('fgdm_offer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('network_member_id', sa.Integer(), nullable=False),
    sa.Column('offered_on', sa.Date(), nullable=False),
    sa.Column('method', sa.String(length=32), nullable=False),
    sa.Column('in_lbp', sa.Boolean(), nullable=False),
    sa.Column('response', sa.String(length=32), nullable=False),
    sa.Column('response_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['fgdm_case.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['network_member_id'], ['network_member.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('fgdm_offer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fgdm_offer_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fgdm_offer_network_member_id'), ['network_member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fgdm_offer_offered_on'), ['offered_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_fgdm_offer_response'), ['response'], unique=False)

    op.create_table('meeting_attendee',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('network_member_id', sa.Integer(), nullable=True),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('role', sa.String(length=80), nullable=False),
    sa.Column('attendance', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['network_member_id'], ['network_member.id'], ),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('meeting_id', 'network_member_id'),
    sa.UniqueConstraint('meeting_id', 'staff_id')
    )
    with op.batch_alter_table('meeting_attendee', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_attendee_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_attendee_network_member_id'), ['network_member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_attendee_staff_id'), ['staff_id'], unique=False)

    op.create_table('warning_override',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('decided_by', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('warning_override', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_warning_override_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('plan_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('who_member_id', sa.Integer(), nullable=True),
    sa.Column('who_text', sa.String(length=200), nullable=False),
    sa.Column('what', sa.Text(), nullable=False),
    sa.Column('by_when', sa.Date(), nullable=True),
    sa.Column('checked_by', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('carried_from_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['carried_from_id'], ['plan_action.id'], ),
    sa.ForeignKeyConstraint(['plan_id'], ['family_plan.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['who_member_id'], ['network_member.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('plan_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_action_plan_id'), ['plan_id'], unique=False)

    op.create_table('plan_distribution',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('recipient_name', sa.String(length=200), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('method', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['plan_id'], ['family_plan.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('plan_distribution', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_distribution_plan_id'), ['plan_id'], unique=False)

    op.create_table('plan_question',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['family_plan.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('plan_question', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_question_plan_id'), ['plan_id'], unique=False)

    op.create_table('support_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=32), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('recipient_member_id', sa.Integer(), nullable=True),
    sa.Column('plan_action_id', sa.Integer(), nullable=True),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('frequency', sa.String(length=32), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('requested_on', sa.Date(), nullable=False),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('approved_on', sa.Date(), nullable=True),
    sa.Column('paid_on', sa.Date(), nullable=True),
    sa.Column('declined_reason', sa.Text(), nullable=False),
    sa.Column('approval_exception', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['approved_by_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['case_id'], ['fgdm_case.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_action_id'], ['plan_action.id'], ),
    sa.ForeignKeyConstraint(['recipient_member_id'], ['network_member.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('support_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_support_item_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_item_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_item_requested_on'), ['requested_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_item_status'), ['status'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('support_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_support_item_status'))
        batch_op.drop_index(batch_op.f('ix_support_item_requested_on'))
        batch_op.drop_index(batch_op.f('ix_support_item_category'))
        batch_op.drop_index(batch_op.f('ix_support_item_case_id'))

    op.drop_table('support_item')
    with op.batch_alter_table('plan_question', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_question_plan_id'))

    op.drop_table('plan_question')
    with op.batch_alter_table('plan_distribution', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_distribution_plan_id'))

    op.drop_table('plan_distribution')
    with op.batch_alter_table('plan_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_action_plan_id'))

    op.drop_table('plan_action')
    with op.batch_alter_table('warning_override', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_warning_override_meeting_id'))

    op.drop_table('warning_override')
    with op.batch_alter_table('meeting_attendee', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_attendee_staff_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_attendee_network_member_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_attendee_meeting_id'))

    op.drop_table('meeting_attendee')
    with op.batch_alter_table('fgdm_offer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fgdm_offer_response'))
        batch_op.drop_index(batch_op.f('ix_fgdm_offer_offered_on'))
        batch_op.drop_index(batch_op.f('ix_fgdm_offer_network_member_id'))
        batch_op.drop_index(batch_op.f('ix_fgdm_offer_case_id'))

    op.drop_table('fgdm_offer')
    with op.batch_alter_table('family_plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_family_plan_status'))
        batch_op.drop_index(batch_op.f('ix_family_plan_review_date'))
        batch_op.drop_index(batch_op.f('ix_family_plan_decision_on'))
        batch_op.drop_index(batch_op.f('ix_family_plan_case_id'))

    op.drop_table('family_plan')
    with op.batch_alter_table('child_outcome', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_child_outcome_case_child_id'))

    op.drop_table('child_outcome')
    with op.batch_alter_table('best_interests_exception', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_best_interests_exception_case_id'))

    op.drop_table('best_interests_exception')
    with op.batch_alter_table('network_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_network_member_person_id'))
        batch_op.drop_index(batch_op.f('ix_network_member_case_id'))

    op.drop_table('network_member')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_status'))
        batch_op.drop_index(batch_op.f('ix_meeting_starts_at'))
        batch_op.drop_index(batch_op.f('ix_meeting_kind'))
        batch_op.drop_index(batch_op.f('ix_meeting_coordinator_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_case_id'))

    op.drop_table('meeting')
    with op.batch_alter_table('letter_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_letter_record_person_id'))
        batch_op.drop_index(batch_op.f('ix_letter_record_case_id'))

    op.drop_table('letter_record')
    with op.batch_alter_table('case_share', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_share_staff_id'))
        batch_op.drop_index(batch_op.f('ix_case_share_case_id'))

    op.drop_table('case_share')
    with op.batch_alter_table('case_child', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_child_person_id'))
        batch_op.drop_index(batch_op.f('ix_case_child_case_id'))

    op.drop_table('case_child')
    with op.batch_alter_table('agency', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agency_case_id'))

    op.drop_table('agency')
    with op.batch_alter_table('relationship', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_relationship_to_person_id'))
        batch_op.drop_index(batch_op.f('ix_relationship_from_person_id'))

    op.drop_table('relationship')
    with op.batch_alter_table('fgdm_case', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fgdm_case_uid'))
        batch_op.drop_index(batch_op.f('ix_fgdm_case_status'))
        batch_op.drop_index(batch_op.f('ix_fgdm_case_referrer_id'))
        batch_op.drop_index(batch_op.f('ix_fgdm_case_referral_date'))
        batch_op.drop_index(batch_op.f('ix_fgdm_case_reference'))
        batch_op.drop_index(batch_op.f('ix_fgdm_case_lbp_date'))
        batch_op.drop_index(batch_op.f('ix_fgdm_case_family_name'))
        batch_op.drop_index(batch_op.f('ix_fgdm_case_coordinator_id'))

    op.drop_table('fgdm_case')
    op.drop_table('venue')
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_username'))

    op.drop_table('staff')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_uid'))
        batch_op.drop_index(batch_op.f('ix_person_family_name'))

    op.drop_table('person')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_case_id'))
        batch_op.drop_index(batch_op.f('ix_audit_event_at'))

    op.drop_table('audit_event')

